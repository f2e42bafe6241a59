package io.streamrec.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsDefaultsTest {

    @Test
    void addsWhatIsMissingAndKeepsWhatWasSet() {
        Properties empty = StreamsDefaults.fillIn(new Properties());
        assertThat(empty).containsEntry(StreamsDefaults.GLOBAL_PROCESSING_EXCEPTION_HANDLER, "true")
                .containsEntry("main.consumer.processing.exception.handler.global.enabled", "true");

        Properties set = new Properties();
        set.put(StreamsDefaults.GLOBAL_PROCESSING_EXCEPTION_HANDLER, "false");
        assertThat(StreamsDefaults.fillIn(set)).containsEntry(StreamsDefaults.GLOBAL_PROCESSING_EXCEPTION_HANDLER,
                "false");
    }
}
