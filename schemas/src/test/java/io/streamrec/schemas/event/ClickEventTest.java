package io.streamrec.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ClickEventTest {
    private final ClickEventSerde serde = new ClickEventSerde();

    private ClickEvent parse(String json) {
        return serde.fromBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheJsonAKcatUserWouldWriteAndIgnoresExtraFields() {
        ClickEvent e = parse("{\"sessionId\":\"s1\",\"itemId\":\"42\",\"timestamp\":1000,\"referrer\":\"x\"}");
        assertThat(e).isEqualTo(new ClickEvent("s1", null, "42", 1000L, null));
        assertThat(e.validationError()).isEmpty();
    }

    @Test
    void keysAnonymousSessionsBySessionAndSessionlessEventsByUser() {
        assertThat(new ClickEvent("s1", "u1", "i", null, null).sessionKey()).isEqualTo("s1");
        assertThat(new ClickEvent(null, "u1", "i", null, null).sessionKey()).isEqualTo("user:u1");
    }

    @Test
    void explainsWhatIsMissing() {
        assertThat(parse("{\"sessionId\":\"s1\"}").validationError()).contains("missing itemId");
        assertThat(parse("{\"itemId\":\"9\"}").validationError()).contains("missing both sessionId and userId");
        assertThat(parse("{\"sessionId\":\"s\",\"itemId\":\"9\",\"timestamp\":-5}").validationError())
                .contains("negative timestamp -5");
    }

    @Test
    void reportsUnparseableBytesAsASerializationException() {
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(SerializationException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void writesOnlyThePresentFields() {
        String json = new String(serde.toBytes(ClickEvent.click("s", "i", 5)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"sessionId\":\"s\",\"itemId\":\"i\",\"timestamp\":5}");
    }
}
