package io.streamrec.trainer.family;

import io.streamrec.schemas.UserError;
import io.streamrec.schemas.settings.SettingSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * A model family's parameter file: properties whose keys are the family's settings. {@code spec} is a path, or the
 * name of a file kept with the trainer as the resource {@code /KIND/NAME.properties} (for example {@code rsc15} for
 * GRU4Rec), so that the settings behind every published figure live in the repository. The entries are text: the
 * family's settings parse and check them, as they do every other source's.
 */
public final class ParameterFile {
    private ParameterFile() {
    }

    /**
     * @throws UserError when {@code spec} is neither a file nor a built-in parameter set of {@code kind}
     */
    public static Map<String, String> load(String kind, String spec) {
        Path file = Path.of(spec);
        if (Files.isRegularFile(file)) {
            return SettingSources.file(file);
        }
        String name = spec.endsWith(".properties") ? spec : spec + ".properties";
        try (InputStream in = ParameterFile.class.getResourceAsStream("/" + kind + "/" + name)) {
            if (in == null) {
                throw new UserError("no parameter file " + spec + ": neither a file nor a built-in " + kind
                        + " parameter set", "give --params a properties file or a built-in set's name");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return SettingSources.entries(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in parameter set " + name + ": " + e.getMessage(), e);
        }
    }
}
