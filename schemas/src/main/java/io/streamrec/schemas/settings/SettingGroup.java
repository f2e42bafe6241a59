package io.streamrec.schemas.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings one part reads (a model family, the streams app), in the order help lists them. Resolving values
 * against the group refuses a key outside it, naming the nearest known key, so that a typo in a parameter file, a
 * {@code --set} or the environment fails instead of being ignored.
 */
public final class SettingGroup {
    private final String name;
    private final List<Setting<?>> settings;
    private final Map<String, Setting<?>> byKey;

    private SettingGroup(String name, List<Setting<?>> settings) {
        this.name = name;
        this.settings = List.copyOf(settings);
        Map<String, Setting<?>> keys = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            if (keys.put(s.key(), s) != null) {
                throw new IllegalArgumentException(name + " declares setting " + s.key() + " twice");
            }
        }
        this.byKey = Collections.unmodifiableMap(keys);
    }

    public static SettingGroup of(String name, List<Setting<?>> settings) {
        return new SettingGroup(name, settings);
    }

    public static SettingGroup of(String name, Setting<?>... settings) {
        return new SettingGroup(name, List.of(settings));
    }

    /** Who reads these settings: a family's kind or a command's name, used in messages. */
    public String name() {
        return name;
    }

    public List<Setting<?>> settings() {
        return settings;
    }

    public Optional<Setting<?>> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The setting {@code key} names, or a {@link SettingException} naming the closest known key. */
    public Setting<?> require(String key) {
        Setting<?> s = byKey.get(key);
        if (s == null) {
            String hint = nearest(byKey.keySet(), key).map(k -> "did you mean " + k + "? ").orElse("");
            throw new SettingException(key, "not a " + name + " setting; " + hint + "known: " + byKey.keySet());
        }
        return s;
    }

    /**
     * The one of {@code known} closest to {@code wanted} by edit distance, when it is close enough to be a typo of it:
     * how every refused name (a setting's key, a command's row) points at the one that was meant.
     */
    public static Optional<String> nearest(Collection<String> known, String wanted) {
        return known.stream().min(Comparator.comparingInt(k -> editDistance(k, wanted)))
                .filter(k -> editDistance(k, wanted) <= Math.max(2, wanted.length() / 3));
    }

    /** Every setting at its default. */
    public Settings defaults() {
        return Settings.defaults(this);
    }

    /** The defaults overlaid by {@code layers} in order (later wins), each a map of key to text. */
    @SafeVarargs
    public final Settings resolve(Map<String, String>... layers) {
        Settings s = defaults();
        for (Map<String, String> layer : layers) {
            s = s.with(layer);
        }
        return s;
    }

    /** One line a setting: key, default and range, then what it means; for {@code --help}. */
    public List<String> helpLines() {
        int keyWidth = settings.stream().mapToInt(s -> s.key().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (Setting<?> s : settings) {
            lines.add(String.format("  %-" + keyWidth + "s  %s", s.key(), describe(s)));
        }
        return lines;
    }

    private static <T> String describe(Setting<T> s) {
        String dflt = s.defaultValue() == null ? "unset" : s.format(s.defaultValue());
        return s.doc() + " (default " + dflt + "; " + s.range() + ")";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
