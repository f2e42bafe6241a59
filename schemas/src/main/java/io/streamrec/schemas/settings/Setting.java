package io.streamrec.schemas.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One setting, declared once: its snake_case key, what it means, its type (how text becomes a value and back), its
 * default and its range. Parameter files, {@code --set key=value}, command-line flags, the environment and the config
 * file all reach a value through {@link #parse}, so every source refuses the same values with the same message, which
 * names the key. Declare settings as constants of the class that owns them and gather them in a {@link SettingGroup}.
 *
 * @param key          snake_case name, as in parameter files, manifests and {@code --set}
 * @param doc          one sentence for help output
 * @param defaultValue the value when no source sets it; null only for {@link #optional} settings
 * @param type         how the value is read, written, checked and described
 * @param flag         the long option a command line offers for it, without dashes (the key with dashes by default)
 * @param <T>          the value's Java type
 */
public record Setting<T>(String key, String doc, T defaultValue, Type<T> type, String flag) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(type, "type");
        if (!key.matches("[a-z][a-z0-9_.]*")) {
            throw new IllegalArgumentException("setting keys are snake_case: " + key);
        }
        flag = flag == null ? key.replace('_', '-') : flag;
        if (defaultValue != null) {
            type.check(key, defaultValue);
        } else if (!type.optional()) {
            throw new IllegalArgumentException(key + ": only an optional setting may default to nothing");
        }
    }

    /** The value {@code text} stands for, or a {@link SettingException} naming this setting and what it takes. */
    public T parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        if (trimmed.isEmpty() && type.optional()) {
            return null;
        }
        T value;
        try {
            value = type.reader().apply(trimmed);
        } catch (RuntimeException e) {
            throw new SettingException(key, "'" + text + "' is not " + type.describe());
        }
        if (value == null) {
            throw new SettingException(key, "'" + text + "' is not " + type.describe());
        }
        type.check(key, value);
        return value;
    }

    /** {@code value} as a parameter file, a manifest or {@code --set} writes it; empty for nothing. */
    public String format(T value) {
        return value == null ? "" : type.writer().apply(value);
    }

    /** This setting offered on the command line as {@code --name} instead of {@code --key-with-dashes}. */
    public Setting<T> withFlag(String name) {
        return new Setting<>(key, doc, defaultValue, type, name);
    }

    /** What values it takes, for help: {@code 1..65535}, {@code cross-entropy|bpr-max}, {@code true|false}. */
    public String range() {
        return type.describe();
    }

    // ---- types ---------------------------------------------------------------------------------------------------

    /**
     * How a setting's text becomes a value and back, and which values are allowed.
     *
     * @param name     what a value is, for messages and help ({@code "a whole number from 1 to 100"})
     * @param label    the placeholder in command-line help ({@code N}, {@code DURATION})
     * @param reader   text to value; throws or returns null for text that is not a value
     * @param writer   value to text, which {@code reader} reads back to the same value
     * @param allowed  null when the value is in range, else why not
     * @param optional whether "nothing" (empty text, a null default) is a value
     */
    public record Type<T>(String name, String label, Function<String, T> reader, Function<T, String> writer,
                          Function<T, String> allowed, boolean optional) {
        String describe() {
            return name;
        }

        void check(String key, T value) {
            String problem = allowed.apply(value);
            if (problem != null) {
                throw new SettingException(key, problem);
            }
        }

        Type<T> asOptional() {
            return new Type<>(name + " (or nothing)", label, reader, writer, allowed, true);
        }
    }

    /** This setting with nothing (null) as its default and as an allowed value. */
    public Setting<T> optional() {
        return new Setting<>(key, doc, null, type.asOptional(), flag);
    }

    /**
     * A setting of the same key, doc and flag whose value is one or more of this one's values, written with commas
     * ({@code 1,2,4}), each read and range-checked as this setting reads one; this setting's own default is not used.
     */
    public Setting<List<T>> asList(List<T> defaultValue) {
        Function<String, List<T>> reader = s -> s.isBlank() ? List.of()
                : Arrays.stream(s.split(",", -1)).map(String::trim).map(e -> Objects.requireNonNull(
                        type.reader().apply(e))).toList();
        Function<List<T>, String> writer = values -> String.join(",",
                values.stream().map(type.writer()).toList());
        Function<List<T>, String> allowed = values -> values.isEmpty() ? "must name at least one"
                : values.stream().map(type.allowed()).filter(Objects::nonNull).findFirst().orElse(null);
        return new Setting<>(key, doc, List.copyOf(defaultValue), new Type<>("a comma-separated list, each "
                + type.name(), type.label() + "[,...]", reader, writer, allowed, false), flag);
    }

    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String doc) {
        String range = range(min, max, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return new Setting<>(key, doc, defaultValue, new Type<>(("a whole number " + range).trim(), "N",
                Integer::valueOf, String::valueOf, v -> v >= min && v <= max ? null : outside(v, range), false),
                null);
    }

    public static Setting<Long> longInteger(String key, long defaultValue, long min, long max, String doc) {
        String range = range(min, max, Long.MIN_VALUE, Long.MAX_VALUE);
        return new Setting<>(key, doc, defaultValue, new Type<>(("a whole number " + range).trim(), "N",
                Long::valueOf, String::valueOf, v -> v >= min && v <= max ? null : outside(v, range), false), null);
    }

    /** A real number in [min, max]; NaN and infinities are never in range. */
    public static Setting<Double> decimal(String key, double defaultValue, double min, double max, String doc) {
        String range = "from " + plain(min) + " to " + plain(max);
        return new Setting<>(key, doc, defaultValue, new Type<>("a number " + range, "X", Double::valueOf,
                Setting::plain, v -> v >= min && v <= max ? null : outside(plain(v), range), false), null);
    }

    public static Setting<Boolean> flag(String key, boolean defaultValue, String doc) {
        return new Setting<>(key, doc, defaultValue, new Type<>("true or false", "BOOLEAN", Setting::bool,
                String::valueOf, v -> null, false), null);
    }

    public static Setting<String> text(String key, String defaultValue, String doc) {
        return new Setting<>(key, doc, defaultValue, new Type<>("text", "TEXT", Function.identity(),
                Function.identity(), v -> v.isBlank() ? "must not be empty" : null, false), null);
    }

    /** Text that must be one of {@code values}, spelled exactly so (for names owned by another system). */
    public static Setting<String> oneOf(String key, String defaultValue, java.util.List<String> values, String doc) {
        java.util.List<String> allowed = java.util.List.copyOf(values);
        return new Setting<>(key, doc, defaultValue, new Type<>("one of " + String.join(", ", allowed),
                String.join("|", allowed), Function.identity(), Function.identity(),
                v -> allowed.contains(v) ? null : "must be one of " + String.join(", ", allowed) + ", got " + v,
                false), null);
    }

    public static Setting<Path> path(String key, Path defaultValue, String doc) {
        return new Setting<>(key, doc, defaultValue, new Type<>("a file path", "PATH", Path::of, Path::toString,
                v -> null, false), null);
    }

    /** One of an enum's constants, written in lower case with dashes ({@code BPR_MAX} is {@code bpr-max}). */
    public static <E extends Enum<E>> Setting<E> choice(String key, Class<E> type, E defaultValue, String doc) {
        E[] constants = type.getEnumConstants();
        String names = String.join(", ", Arrays.stream(constants).map(Setting::spelling).toList());
        return new Setting<>(key, doc, defaultValue, new Type<>("one of " + names, String.join("|",
                Arrays.stream(constants).map(Setting::spelling).toList()), s -> {
                    String wanted = s.toLowerCase(Locale.ROOT).replace('_', '-');
                    return Arrays.stream(constants).filter(c -> spelling(c).equals(wanted)).findFirst().orElse(null);
                }, Setting::spelling, v -> null, false), null);
    }

    /**
     * A duration: ISO-8601 ({@code PT30M}) or the short forms people type ({@code 250ms}, {@code 90s}, {@code 30m},
     * {@code 1h}, {@code 2d}), in [min, max].
     */
    public static Setting<Duration> duration(String key, Duration defaultValue, Duration min, Duration max,
                                             String doc) {
        String range = "from " + Durations.format(min) + " to " + Durations.format(max);
        return new Setting<>(key, doc, defaultValue, new Type<>("a duration " + range + " (e.g. 250ms, 90s, 30m, PT1H)",
                "DURATION", Durations::parse, Durations::format,
                v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0 ? null : outside(Durations.format(v), range),
                false), null);
    }

    /** A size in bytes: a whole number, or with a unit ({@code 64KiB}, {@code 1MiB}, {@code 2GiB}, {@code 500kB}). */
    public static Setting<Long> bytes(String key, long defaultValue, long min, long max, String doc) {
        String range = "from " + ByteSizes.format(min) + " to " + ByteSizes.format(max);
        return new Setting<>(key, doc, defaultValue, new Type<>("a size " + range + " (e.g. 65536, 64KiB, 1MiB)",
                "BYTES", ByteSizes::parse, ByteSizes::format,
                v -> v >= min && v <= max ? null : outside(ByteSizes.format(v), range), false), null);
    }

    /** How an enum constant is written in settings: lower case with dashes. */
    public static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Boolean bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> null;
        };
    }

    /** "from 1 to 10", "at least 1", "at most 10" or nothing, for whole numbers bounded by the type's own limits. */
    private static String range(long min, long max, long lowest, long highest) {
        if (min == lowest && max == highest) {
            return "";
        }
        if (max == highest) {
            return "at least " + min;
        }
        return min == lowest ? "at most " + max : "from " + min + " to " + max;
    }

    private static String outside(Object value, String range) {
        return "must be " + range + ", got " + value;
    }

    /** A double without a trailing ".0" or exponent where a plain form reads better (0.05, 1, 1e-05 stays). */
    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.valueOf(v);
    }
}
