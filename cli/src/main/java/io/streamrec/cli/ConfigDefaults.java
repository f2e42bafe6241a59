package io.streamrec.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the environment and a properties file, so the same commands run unchanged in a shell, in a
 * container and under a process manager. For option {@code --bootstrap} of command {@code serve}, the first of these
 * that is set wins:
 * <ol>
 *   <li>the command line</li>
 *   <li>environment {@code STREAMREC_SERVE_BOOTSTRAP}, then {@code STREAMREC_BOOTSTRAP}</li>
 *   <li>file key {@code serve.bootstrap}, then {@code bootstrap}</li>
 *   <li>the option's built-in default</li>
 * </ol>
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> environment;
    private final Properties file;

    public ConfigDefaults(Map<String, String> environment, Properties file) {
        this.environment = Map.copyOf(environment);
        this.file = file;
    }

    public static Properties load(Path path) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + path, e);
        }
        return props;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String key = option.longestName().replaceFirst("^-+", "");
        String command = argSpec.command() == null ? "" : argSpec.command().name();
        for (String candidate : new String[] {envName(command + "_" + key), envName(key)}) {
            String value = environment.get(candidate);
            if (value != null) {
                return value;
            }
        }
        String value = file.getProperty(command + "." + key);
        if (value == null) {
            value = file.getProperty(key);
        }
        return value != null ? value : option.defaultValue();
    }

    static String envName(String key) {
        return "STREAMREC_" + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
