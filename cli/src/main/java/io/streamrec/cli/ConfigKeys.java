package io.streamrec.cli;

import io.streamrec.schemas.UserError;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.trainer.ModelFamilies;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every key of the config file must name something, as every flag on the command line must: {@code OPTION} (an option
 * some command has), {@code COMMAND.OPTION}, or {@code FAMILY.SETTING} (a model family's declared setting). A key
 * that names nothing, a typo most often, is refused in one line rather than silently ignored.
 */
final class ConfigKeys {
    private ConfigKeys() {
    }

    /** Refuses the first key of {@code file} that names nothing {@code launcher} or a model family offers. */
    static void check(Path path, Properties file, CommandLine launcher) {
        Map<String, CommandLine> commands = launcher.getSubcommands();
        Set<String> anyOption = new TreeSet<>();
        commands.values().forEach(c -> anyOption.addAll(longNames(c)));
        anyOption.addAll(longNames(launcher));
        for (String key : new TreeSet<>(file.stringPropertyNames())) {
            String problem = problem(key.trim(), commands, anyOption);
            if (problem != null) {
                throw new UserError("config file " + path + ": key '" + key + "' " + problem,
                        "fix or remove that line");
            }
        }
    }

    /** Why {@code key} names nothing, or null when it names something. */
    private static String problem(String key, Map<String, CommandLine> commands, Set<String> anyOption) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            return anyOption.contains(key) ? null : "is no option of any command";
        }
        String scope = key.substring(0, dot);
        String name = key.substring(dot + 1);
        CommandLine command = commands.get(scope);
        if (command != null) {
            return longNames(command).contains(name) ? null : "is no option of " + scope;
        }
        Optional<SettingGroup> family = ModelFamilies.settingsOf(scope);
        if (family.isPresent()) {
            try {
                family.get().require(name);
                return null;
            } catch (IllegalArgumentException e) {
                return "names no setting: " + e.getMessage();
            }
        }
        return "starts with '" + scope + "', which is neither a command nor a model family";
    }

    private static Set<String> longNames(CommandLine command) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec option : command.getCommandSpec().options()) {
            for (String name : option.names()) {
                if (name.startsWith("--")) {
                    names.add(name.substring(2));
                }
            }
        }
        return names;
    }
}
