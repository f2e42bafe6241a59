package io.streamrec.streams.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SessionStateTest {
    private final SessionStateSerde serde = new SessionStateSerde();

    private SessionState roundTrip(SessionState state) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));
    }

    @Test
    void roundTripsThroughItsSerdeIncludingNonAsciiIdsAndTheUser() {
        SessionState state = new SessionState(List.of("i1", "é-42", ""), 1_700_000_000_123L, "u-ü");
        assertThat(roundTrip(state)).isEqualTo(state);
        SessionState anonymous = new SessionState(List.of("i1"), 7L);
        assertThat(roundTrip(anonymous)).isEqualTo(anonymous);
    }

    @Test
    void isCompact() {
        SessionState twenty = new SessionState(java.util.Collections.nCopies(20, "214536502"), 1L, "u-1");
        assertThat(SessionStateSerde.toBytes(twenty)).hasSize(1 + 8 + 4 + 3 + 4 + 20 * (4 + 9) + 1);
    }

    @Test
    void roundTripsTheModelStateWithTheModelThatMadeIt() {
        ModelState model = new ModelState("gru4rec", 7, new float[] {0.5f, -1.25f, 3f});
        SessionState state = new SessionState(List.of("a", "b"), 9L, "u", model);
        SessionState back = roundTrip(state);
        assertThat(back).isEqualTo(state);
        assertThat(back.modelState().belongsTo("gru4rec", 7)).isTrue();
        assertThat(back.modelState().belongsTo("gru4rec", 8)).isFalse();
        assertThat(SessionStateSerde.toBytes(state)).hasSize(SessionStateSerde.toBytes(state.withModelState(null)).length
                + 4 + 7 + 8 + 4 + 3 * 4);
    }

    @Test
    void aNewSessionAfterTheGapDropsTheModelStateAndAContinuedOneKeepsIt() {
        ModelState model = new ModelState("gru4rec", 1, new float[] {1f});
        SessionState state = SessionState.start("a", 0, null).withModelState(model);
        assertThat(state.after("b", 1_000, 5, 60_000).modelState()).isEqualTo(model);
        assertThat(state.after("b", 61_000, 5, 60_000).modelState()).isNull();
    }

    @Test
    void stillReadsTheFirstFormatWhichHadNoUser() {
        byte[] item = "item-1".getBytes(StandardCharsets.UTF_8);
        ByteBuffer v1 = ByteBuffer.allocate(1 + 8 + 4 + 4 + item.length);
        v1.put((byte) 1).putLong(42L).putInt(1).putInt(item.length).put(item);
        assertThat(SessionStateSerde.fromBytes(v1.array())).isEqualTo(new SessionState(List.of("item-1"), 42L, null));
    }

    @Test
    void refusesUnknownFormatsAndTruncatedBytesAsSerializationErrors() {
        byte[] bytes = SessionStateSerde.toBytes(new SessionState(List.of("a", "b"), 1L, "u"));
        byte[] future = bytes.clone();
        future[0] = 9;
        assertThatThrownBy(() -> SessionStateSerde.fromBytes(future)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("format 9");
        assertThatThrownBy(() -> SessionStateSerde.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> SessionStateSerde.fromBytes(new byte[0])).isInstanceOf(SerializationException.class);
    }

    @Test
    void keepsOnlyTheLastItemsAndTheLatestUser() {
        SessionState state = SessionState.start("a", 0, "u1")
                .after("b", 1, null, 2, 60_000)
                .after("c", 2, "u2", 2, 60_000);
        assertThat(state).isEqualTo(new SessionState(List.of("b", "c"), 2, "u2"));
        assertThat(state.lastItem()).isEqualTo("c");
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
