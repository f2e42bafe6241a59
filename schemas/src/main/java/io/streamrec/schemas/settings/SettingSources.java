package io.streamrec.schemas.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where setting values come from, each read into the same key-to-text map that {@link Settings#with(Map)} takes:
 * properties files (parameter files, the config file), {@code key=value} assignments ({@code --set}) and the
 * environment. None of them parses a value: that is the {@link Setting}'s job, so every source is checked alike.
 */
public final class SettingSources {
    private SettingSources() {
    }

    /** A properties file's entries, keys and values trimmed; sorted, since a properties file has no order. */
    public static Map<String, String> file(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return entries(p);
    }

    /** The entries of loaded properties, keys and values trimmed. */
    public static Map<String, String> entries(Properties p) {
        Map<String, String> out = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            out.put(key.trim(), p.getProperty(key).trim());
        }
        return out;
    }

    /** The entries whose key starts with {@code prefix}, with it removed: {@code gru4rec.hidden_size} → hidden_size. */
    public static Map<String, String> section(Map<String, String> entries, String prefix) {
        Map<String, String> out = new TreeMap<>();
        entries.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /**
     * Variables named {@code PREFIX_KEY} ({@code STREAMREC_GRU4REC_HIDDEN_SIZE} for prefix {@code STREAMREC_GRU4REC_}),
     * as key {@code hidden_size}.
     */
    public static Map<String, String> environment(Map<String, String> environment, String prefix) {
        Map<String, String> out = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                out.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT), value);
            }
        });
        return out;
    }

    /** {@code key=value} assignments in order, as {@code --set} takes them; one without '=' is refused. */
    public static Map<String, String> assignments(List<String> assignments) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + a + "' is not key=value (e.g. hidden_size=200)");
            }
            out.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
        }
        return out;
    }
}
