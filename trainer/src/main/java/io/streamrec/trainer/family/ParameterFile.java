package io.streamrec.trainer.family;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A model family's parameter file: properties whose keys are the family's settings. {@code spec} is a path, or the
 * name of a file kept with the trainer as the resource {@code /KIND/NAME.properties} (for example {@code rsc15} for
 * GRU4Rec), so that the settings behind every published figure live in the repository.
 */
public final class ParameterFile {
    private ParameterFile() {
    }

    public static Map<String, String> load(String kind, String spec) throws IOException {
        Properties p = new Properties();
        Path file = Path.of(spec);
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(reader);
            }
        } else {
            String name = spec.endsWith(".properties") ? spec : spec + ".properties";
            try (InputStream in = ParameterFile.class.getResourceAsStream("/" + kind + "/" + name)) {
                if (in == null) {
                    throw new IOException("no parameter file " + spec + ": neither a file nor a built-in " + kind
                            + " parameter set (resource /" + kind + "/" + name + ")");
                }
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> settings.put(k, p.getProperty(k)));
        return settings;
    }
}
