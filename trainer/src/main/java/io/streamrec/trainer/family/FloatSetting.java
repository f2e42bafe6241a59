package io.streamrec.trainer.family;

import io.streamrec.schemas.settings.Setting;
import java.util.function.Predicate;

/**
 * Settings the training engines read as single-precision floats (learning rates, dropout). The text becomes a float in
 * one rounding, as it always has, so that a parameter file trains exactly the same model whichever way it is read;
 * a double rounded down to a float can land one step away.
 */
public final class FloatSetting {
    private FloatSetting() {
    }

    /** A number in [min, max]. */
    public static Setting<Float> between(String key, float defaultValue, float min, float max, String doc) {
        return of(key, defaultValue, "from " + min + " to " + max, v -> v >= min && v <= max, doc);
    }

    /** A number in [min, max): a probability that must leave something, a momentum that must decay. */
    public static Setting<Float> below(String key, float defaultValue, float min, float max, String doc) {
        return of(key, defaultValue, "from " + min + " up to, not including, " + max, v -> v >= min && v < max, doc);
    }

    /** A number above {@code min}, not including it: a step size. */
    public static Setting<Float> above(String key, float defaultValue, float min, String doc) {
        return of(key, defaultValue, "above " + min, v -> v > min && v < Float.POSITIVE_INFINITY, doc);
    }

    /** A number of at least {@code min}. */
    public static Setting<Float> atLeast(String key, float defaultValue, float min, String doc) {
        return of(key, defaultValue, "of at least " + min, v -> v >= min && v < Float.POSITIVE_INFINITY, doc);
    }

    private static Setting<Float> of(String key, float defaultValue, String range, Predicate<Float> inRange,
                                     String doc) {
        return new Setting<>(key, doc, defaultValue, new Setting.Type<>("a number " + range, "X", Float::valueOf,
                String::valueOf, v -> inRange.test(v) ? null : "must be " + range + ", got " + v, false),
                null);
    }
}
