package io.streamrec.cli.options;

import io.streamrec.schemas.settings.Setting;

/**
 * Settings that several commands offer under one name with one meaning and range, each with its own default and
 * words: the range is stated here once.
 */
public final class CommonSettings {
    /** The most partitions a command creates a topic with. */
    public static final int MAX_PARTITIONS = 10_000;
    /** The fastest rate a command is asked to send events at. */
    public static final double MAX_EVENTS_PER_SECOND = 10_000_000;

    private CommonSettings() {
    }

    /** {@code --partitions}: how many partitions the topics the command creates get. */
    public static Setting<Integer> partitions(int defaultValue, String doc) {
        return Setting.integer("partitions", defaultValue, 1, MAX_PARTITIONS, doc);
    }

    /** {@code --seed}: the random seed that makes a run repeatable. */
    public static Setting<Long> seed(long defaultValue, String doc) {
        return Setting.longInteger("seed", defaultValue, Long.MIN_VALUE, Long.MAX_VALUE, doc);
    }

    /** {@code --rate}: events per second to send; 0 means something each command says (as fast as possible). */
    public static Setting<Double> rate(double defaultValue, String doc) {
        return Setting.decimal("rate", defaultValue, 0, MAX_EVENTS_PER_SECOND, doc);
    }
}
