package io.streamrec.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.schemas.topic.TopicCatalogue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventLimitsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        EventLimits limits = EventLimits.DEFAULT;
        assertThat(limits.maxEventBytes()).isEqualTo(64 * 1024);
        assertThat(limits.maxIdBytes()).isEqualTo(256);
        assertThat(limits.acceptNumericIds()).isFalse();
        assertThat(limits.maxRecordBytes()).isEqualTo(1024 * 1024).isEqualTo(TopicCatalogue.MAX_RECORD_BYTES);
        assertThat(limits.maxWriteBytes()).isEqualTo(1024 * 1024 - 16 * 1024);
        limits.checkFits(TopologySettings.DEFAULT_TOP_K, TopologySettings.DEFAULT_SEQUENCE_LENGTH);
    }

    @Test
    void theRecordLimitLeavesRoomToDeadLetterAndRekeyTheLargestEvent() {
        assertThatThrownBy(() -> new EventLimits(64 * 1024, 256, false, 80 * 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max record bytes 81920 leaves no room to dead-letter or re-key events of up to 65536 "
                        + "bytes: it must be at least 86016");
        assertThatThrownBy(() -> new EventLimits(100, 256, false, 1 << 20)).hasMessageContaining("at least 1024");
        assertThatThrownBy(() -> new EventLimits(2048, 0, false, 1 << 20)).hasMessageContaining("at least 1");
    }

    @Test
    void idsThatCouldMakeAnAnswerOrAStateTooLargeAreRefusedWithTheSettingsToChange() {
        EventLimits longIds = new EventLimits(64 * 1024, 60_000, false, 1 << 20);
        assertThatThrownBy(() -> longIds.checkFits(20, 20))
                .hasMessageContaining("ids of up to 60000 bytes make answers of 20 items of up to")
                .hasMessageContaining("lower the id limit or top-K, or raise the record limit");
        assertThatThrownBy(() -> new EventLimits(64 * 1024, 20_000, false, 1 << 20).checkFits(1, 60))
                .hasMessageContaining("states of 60 items").hasMessageContaining("the sequence length");
        assertThatThrownBy(() -> new TopologySettings(TopicCatalogue.defaults(), 20, Duration.ofMinutes(30), 20,
                ScoringBatch.DEFAULT, longIds)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fittingToASmallerTopicLowersTheRecordLimitAndTheEventLimitWhenItMust() {
        EventLimits limits = EventLimits.DEFAULT;
        assertThat(limits.fittedTo("t", 2 << 20)).isSameAs(limits);
        EventLimits fitted = limits.fittedTo("t", 512 * 1024);
        assertThat(fitted.maxRecordBytes()).isEqualTo(512 * 1024);
        assertThat(fitted.maxEventBytes()).isEqualTo(64 * 1024);
        EventLimits squeezed = limits.fittedTo("t", 50_000);
        assertThat(squeezed.maxRecordBytes()).isEqualTo(50_000);
        assertThat(squeezed.maxEventBytes()).isEqualTo(50_000 - 16 * 1024 - 4 * 1024);
        assertThatThrownBy(() -> limits.fittedTo("tiny", 10_000))
                .hasMessage("topic tiny accepts records of at most 10000 bytes (max.message.bytes); the app needs at "
                        + "least 21504");
    }
}
