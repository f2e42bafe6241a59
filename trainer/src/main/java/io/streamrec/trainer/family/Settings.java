package io.streamrec.trainer.family;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A family's settings as snake_case strings: its defaults overlaid by a request's values (parameter files are read
 * by the train command's ParameterFile). A key outside the
 * defaults is refused, so a typo in a parameter file or a {@code --set} fails instead of being ignored. The config
 * records of Item2Vec and AI2V parse their fields from the merged map, so defaults, parameter files and the
 * manifest's training map all share one spelling.
 */
public final class Settings {
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    /** {@code defaults} with {@code overrides} applied; every override key must be one of the defaults' keys. */
    public static Settings merge(Map<String, String> defaults, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        overrides.forEach((key, value) -> {
            String k = key.trim();
            if (!merged.containsKey(k)) {
                throw new IllegalArgumentException("unknown setting '" + k + "'; known: " + defaults.keySet());
            }
            merged.put(k, value.trim());
        });
        return new Settings(merged);
    }

    public int integer(String key, int min) {
        int v = parse(key, Integer::parseInt);
        if (v < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + v);
        }
        return v;
    }

    public long longValue(String key) {
        return parse(key, Long::parseLong);
    }

    public double number(String key, double min, double max) {
        double v = parse(key, Double::parseDouble);
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    public String text(String key) {
        return values.get(key);
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String v = values.get(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().replace('_', '-').equalsIgnoreCase(v.replace('_', '-'))) {
                return e;
            }
        }
        throw new IllegalArgumentException(key + " must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(Settings::spelling).toList() + ", got '" + v + "'");
    }

    /** How an enum constant is written in settings: lower case with dashes. */
    public static String spelling(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private <T> T parse(String key, java.util.function.Function<String, T> parser) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no setting '" + key + "'");
        }
        try {
            return parser.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: '" + v + "'", e);
        }
    }
}
