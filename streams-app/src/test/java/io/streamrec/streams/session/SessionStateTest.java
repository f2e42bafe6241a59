package io.streamrec.streams.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionStateTest {

    @Test
    void roundTripsThroughItsSerdeIncludingNonAsciiIds() {
        SessionState state = new SessionState(List.of("i1", "é-42", ""), 1_700_000_000_123L);
        SessionStateSerde serde = new SessionStateSerde();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", state))).isEqualTo(state);
    }

    @Test
    void aLateClickJoinsTheSessionWithoutMovingItsClockBack() {
        SessionState state = SessionState.start("a", 10_000).after("b", 5_000, 5, 60_000);
        assertThat(state).isEqualTo(new SessionState(List.of("a", "b"), 10_000));
    }

    @Test
    void aClickExactlyAtTheGapStillBelongsToTheSession() {
        assertThat(SessionState.start("a", 0).after("b", 60_000, 5, 60_000).items()).containsExactly("a", "b");
        assertThat(SessionState.start("a", 0).after("b", 60_001, 5, 60_000).items()).containsExactly("b");
    }
}
