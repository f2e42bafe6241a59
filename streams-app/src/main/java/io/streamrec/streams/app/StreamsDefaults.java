package io.streamrec.streams.app;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings the app wants unless the operator set them: filled into the finished properties, so that
 * anything given explicitly (extra {@code -K} properties included) still wins.
 */
final class StreamsDefaults {
    /**
     * Kafka Streams 4.x warns at every start that this is off and will default to on in 5.0. The app has no global
     * store, so no global thread runs and the value changes nothing here; taking the future default now keeps the
     * start-up log free of a warning that asks for no action.
     */
    static final String GLOBAL_PROCESSING_EXCEPTION_HANDLER = "processing.exception.handler.global.enabled";

    /**
     * The same setting again for the main consumer: its partition assignor builds a StreamsConfig of its own from the
     * consumer's properties, which carry only consumer settings and prefixed ones, and that StreamsConfig repeats the
     * warning. The consumer itself ignores the setting.
     */
    static final String ASSIGNOR_GLOBAL_PROCESSING_EXCEPTION_HANDLER =
            StreamsConfig.mainConsumerPrefix(GLOBAL_PROCESSING_EXCEPTION_HANDLER);

    private static final Map<String, String> DEFAULTS = Map.of(GLOBAL_PROCESSING_EXCEPTION_HANDLER, "true",
            ASSIGNOR_GLOBAL_PROCESSING_EXCEPTION_HANDLER, "true");

    private StreamsDefaults() {
    }

    /** {@code props} with every default it lacks added; returns the same object. */
    static Properties fillIn(Properties props) {
        DEFAULTS.forEach(props::putIfAbsent);
        return props;
    }
}
