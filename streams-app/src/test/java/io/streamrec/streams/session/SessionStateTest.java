package io.streamrec.streams.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.model.ModelState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SessionStateTest {
    private static final long PINNED_S1 = 1377483210314346289L;
    private static final int PINNED_I42 = -833900677;
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
        // Format, time, user, item count, items, then five empty section flags.
        assertThat(SessionStateSerde.toBytes(twenty)).hasSize(1 + 8 + 4 + 3 + 4 + 20 * (4 + 9) + 5);
    }

    @Test
    void serializedSizeIsTheLengthOfTheBytesWithoutWritingThem() {
        List<SessionState> states = List.of(
                new SessionState(List.of("a"), 1L),
                new SessionState(List.of("i1", "é-42", "カメラ", "😀", ""), 9L, "u-ü"),
                new SessionState(List.of("lone \ud800 surrogate"), 9L, "\udc00"),
                new SessionState(List.of("a", "b"), 9L, "u", new ModelState("gru4rec", 2, new float[] {1f, 2f}),
                        new ModelState("gru4rec", 2, new float[] {3f, 4f}),
                        new ServedList("gru4rec", 2, new int[] {5, -7, 11}), new ModelState("sasrec", 4, new float[3]),
                        new ServedList("popularity", 0, new int[20])));
        for (SessionState state : states) {
            assertThat(SessionStateSerde.serializedSize(state)).as(state.toString())
                    .isEqualTo(SessionStateSerde.toBytes(state).length);
        }
    }

    @Test
    void aServedListCostsFourBytesAnItemPlusItsModelTag() {
        SessionState plain = new SessionState(List.of("a"), 1L);
        ServedList twenty = new ServedList("gru4rec", 3, new int[20]);
        SessionState withList = plain.answered(null, null, twenty);
        assertThat(SessionStateSerde.toBytes(withList)).hasSize(SessionStateSerde.toBytes(plain).length
                + 4 + 7 + 8 + 4 + 20 * 4);
    }

    @Test
    void roundTripsBothRolesModelStatesTheStateTheAnswerCameFromAndLastLists() {
        SessionState state = new SessionState(List.of("a", "b"), 9L, "u",
                new ModelState("gru4rec", 2, new float[] {1f, 2f}),
                new ModelState("gru4rec", 2, new float[] {-1f, 0.5f}),
                new ServedList("gru4rec", 2, new int[] {5, -7, 11}),
                new ModelState("sasrec", 4, new float[] {3f}),
                new ServedList("popularity", 0, new int[] {42}));
        assertThat(roundTrip(state)).isEqualTo(state);
        SessionState onlyShadowList = new SessionState(List.of("a"), 1L).shadowed(null,
                new ServedList("sasrec", 1, new int[0]));
        assertThat(roundTrip(onlyShadowList)).isEqualTo(onlyShadowList);
    }

    @Test
    void stillReadsTheThirdFormatWhoseOnlySectionWasTheModelState() {
        byte[] name = "gru4rec".getBytes(StandardCharsets.UTF_8);
        byte[] user = "u-1".getBytes(StandardCharsets.UTF_8);
        byte[] item = "item-1".getBytes(StandardCharsets.UTF_8);
        ByteBuffer v3 = ByteBuffer.allocate(1 + 8 + 4 + user.length + 4 + 4 + item.length
                + 1 + 4 + name.length + 8 + 4 + 2 * 4);
        v3.put((byte) 3).putLong(42L).putInt(user.length).put(user).putInt(1).putInt(item.length).put(item)
                .put((byte) 1).putInt(name.length).put(name).putLong(5L).putInt(2).putFloat(0.5f).putFloat(-2f);
        SessionState read = SessionStateSerde.fromBytes(v3.array());
        assertThat(read).isEqualTo(new SessionState(List.of("item-1"), 42L, "u-1",
                new ModelState("gru4rec", 5, new float[] {0.5f, -2f})));
        assertThat(read.lastAnswer()).as("format 3 kept no list: the next click is not scored").isNull();
        assertThat(read.answeredFrom()).isNull();
        assertThat(read.shadowState()).isNull();
        assertThat(read.lastShadowAnswer()).isNull();
        // Written back, it is format 5 and reads the same.
        assertThat(SessionStateSerde.toBytes(read)[0]).isEqualTo((byte) 5);
        assertThat(roundTrip(read)).isEqualTo(read);
    }

    @Test
    void stillReadsTheFourthFormatWhichKeptNoStateTheAnswerCameFrom() {
        byte[] name = "gru4rec".getBytes(StandardCharsets.UTF_8);
        byte[] item = "item-1".getBytes(StandardCharsets.UTF_8);
        ByteBuffer v4 = ByteBuffer.allocate(1 + 8 + 4 + 4 + 4 + item.length
                + 1 + 4 + name.length + 8 + 4 + 4
                + 1 + 4 + name.length + 8 + 4 + 4 + 1 + 1);
        v4.put((byte) 4).putLong(42L).putInt(-1).putInt(1).putInt(item.length).put(item)
                .put((byte) 1).putInt(name.length).put(name).putLong(5L).putInt(1).putFloat(0.5f)
                .put((byte) 1).putInt(name.length).put(name).putLong(5L).putInt(1).putInt(77)
                .put((byte) 0).put((byte) 0);
        SessionState read = SessionStateSerde.fromBytes(v4.array());
        assertThat(read).isEqualTo(new SessionState(List.of("item-1"), 42L, null,
                new ModelState("gru4rec", 5, new float[] {0.5f}), null, new ServedList("gru4rec", 5, new int[] {77}),
                null, null));
    }

    @Test
    void stillReadsTheSecondFormatWithAUserButNoModelState() {
        byte[] user = "u-9".getBytes(StandardCharsets.UTF_8);
        byte[] item = "item-3".getBytes(StandardCharsets.UTF_8);
        ByteBuffer v2 = ByteBuffer.allocate(1 + 8 + 4 + user.length + 4 + 4 + item.length);
        v2.put((byte) 2).putLong(7L).putInt(user.length).put(user).putInt(1).putInt(item.length).put(item);
        assertThat(SessionStateSerde.fromBytes(v2.array())).isEqualTo(new SessionState(List.of("item-3"), 7L, "u-9"));
    }

    @Test
    void aCorruptSectionFlagIsASerializationError() {
        byte[] bytes = SessionStateSerde.toBytes(new SessionState(List.of("a"), 1L));
        bytes[bytes.length - 2] = 7;
        assertThatThrownBy(() -> SessionStateSerde.fromBytes(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("flag 7");
    }

    @Test
    void aContinuedSessionKeepsItsLastListsForTheNextClickAndANewSessionHasNone() {
        ServedList sent = new ServedList("gru4rec", 1, new int[] {1, 2});
        ServedList shadow = new ServedList("sasrec", 1, new int[] {3});
        SessionState state = SessionState.start("a", 0, null).answered(null, null, sent).shadowed(null, shadow);
        SessionState continued = state.after("b", 1_000, 5, 60_000);
        assertThat(continued.lastAnswer()).isEqualTo(sent);
        assertThat(continued.lastShadowAnswer()).isEqualTo(shadow);
        SessionState fresh = state.after("b", 61_000, 5, 60_000);
        assertThat(fresh.lastAnswer()).isNull();
        assertThat(fresh.lastShadowAnswer()).isNull();
    }

    @Test
    void aServedListRanksItemsByTheirFingerprintFromOne() {
        ServedList list = ServedList.of(new io.streamrec.schemas.recommendation.Recommendation("s", null, "x", 0,
                List.of(new io.streamrec.schemas.recommendation.RecommendedItem("i7", 3f),
                        new io.streamrec.schemas.recommendation.RecommendedItem("i8", 2f),
                        new io.streamrec.schemas.recommendation.RecommendedItem("i9", 1f)),
                "gru4rec", 2, 0, "gru4rec"));
        assertThat(list.rankOf("i7")).isEqualTo(1);
        assertThat(list.rankOf("i9")).isEqualTo(3);
        assertThat(list.rankOf("i10")).isZero();
        assertThat(list.modelName()).isEqualTo("gru4rec");
        assertThat(list.modelVersion()).isEqualTo(2);
    }

    @Test
    void theStableHashIsFixedForeverBecauseItsValuesAreStoredAndShared() {
        // Pinned values: a change here would misroute every session of a running A/B split and mis-score stored
        // lists after an upgrade.
        assertThat(StableHash.of("s-1")).isNotEqualTo(StableHash.of("s-2"));
        assertThat(StableHash.of("s-1")).isEqualTo(PINNED_S1);
        assertThat(StableHash.fingerprint("i42")).isEqualTo(PINNED_I42);
    }

    @Test
    void roundTripsTheModelStateWithTheModelThatMadeIt() {
        ModelState model = new ModelState("gru4rec", 7, new float[] {0.5f, -1.25f, 3f});
        SessionState state = new SessionState(List.of("a", "b"), 9L, "u", model);
        SessionState back = roundTrip(state);
        assertThat(back).isEqualTo(state);
        assertThat(back.modelState().belongsTo("gru4rec", 7)).isTrue();
        assertThat(back.modelState().belongsTo("gru4rec", 8)).isFalse();
        assertThat(SessionStateSerde.toBytes(state)).hasSize(SessionStateSerde.toBytes(
                state.answered(null, null, null)).length + 4 + 7 + 8 + 4 + 3 * 4);
    }

    @Test
    void theStateAnAnswerCameFromCostsItsValuesOnlyAndIsAlwaysOfTheSessionsModel() {
        ModelState model = new ModelState("gru4rec", 7, new float[] {0.5f, -1.25f, 3f});
        ModelState before = new ModelState("gru4rec", 7, new float[] {1f, 2f, 4f});
        SessionState stepped = SessionState.start("a", 0, null).answered(model, before, null);
        assertThat(SessionStateSerde.toBytes(stepped)).hasSize(SessionStateSerde.toBytes(
                stepped.answered(model, null, null)).length + 4 + 3 * 4);
        assertThat(roundTrip(stepped).answeredFrom()).isEqualTo(before);
        assertThatThrownBy(() -> SessionState.start("a", 0, null).answered(model,
                new ModelState("gru4rec", 6, new float[3]), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v6");
        assertThatThrownBy(() -> SessionState.start("a", 0, null).answered(null, before, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewSessionAfterTheGapDropsTheModelStateAndAContinuedOneKeepsIt() {
        ModelState model = new ModelState("gru4rec", 1, new float[] {1f});
        SessionState state = SessionState.start("a", 0, null).answered(model, null, null);
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
