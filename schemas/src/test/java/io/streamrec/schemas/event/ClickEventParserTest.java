package io.streamrec.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClickEventParserTest {
    private final ClickEventParser strict = ClickEventParser.strict();
    private final ClickEventParser numeric = new ClickEventParser(256, true);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private ClickEvent parse(String json) {
        return strict.parse(utf8(json));
    }

    private void refused(byte[] value, String reason) {
        assertThatThrownBy(() -> strict.parse(value)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(reason);
    }

    private void refused(String json, String reason) {
        refused(utf8(json), reason);
    }

    /** {@code head} bytes, then {@code middle}, then {@code tail}, as one value. */
    private static byte[] bytes(String head, int[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(head));
        for (int b : middle) {
            out.write(b);
        }
        out.writeBytes(utf8(tail));
        return out.toByteArray();
    }

    @Test
    void readsAWellFormedEventAndSkipsUnknownFieldsWhateverTheyHold() {
        ClickEvent e = parse("{\"sessionId\":\"s1\",\"userId\":\"u1\",\"itemId\":\"42\",\"timestamp\":1000,"
                + "\"eventType\":\"click\",\"referrer\":{\"url\":\"x\",\"tags\":[1,2,{\"a\":null}]},\"n\":1.5}  \n");
        assertThat(e).isEqualTo(new ClickEvent("s1", "u1", "42", 1000L, "click"));
    }

    @Test
    void nullFieldsAreAbsentAndValidationStillNamesWhatIsMissing() {
        ClickEvent e = parse("{\"sessionId\":null,\"userId\":\"u1\",\"itemId\":\"9\",\"timestamp\":null}");
        assertThat(e).isEqualTo(new ClickEvent(null, "u1", "9", null, null));
        assertThat(parse("{\"sessionId\":\"s1\"}").validationError()).contains("missing itemId");
    }

    @Test
    void keepsNonAsciiIdsThatAreValidUtf8() {
        ClickEvent e = parse("{\"sessionId\":\"sé-😀\",\"itemId\":\"カメラ\"}");
        assertThat(e.sessionId()).isEqualTo("sé-😀");
        assertThat(e.itemId()).isEqualTo("カメラ");
    }

    @Test
    void idsMustBeStringsUnlessNumericIdsAreAccepted() {
        refused("{\"sessionId\":\"s\",\"itemId\":214536502}", "itemId must be a JSON string, not a whole number");
        refused("{\"sessionId\":\"s\",\"itemId\":true}", "itemId must be a JSON string, not a boolean");
        refused("{\"sessionId\":7,\"itemId\":\"i\"}", "sessionId must be a JSON string, not a whole number");
        refused("{\"userId\":[\"u\"],\"itemId\":\"i\"}", "userId must be a JSON string, not an array");

        assertThat(numeric.parse(utf8("{\"sessionId\":17,\"itemId\":214536502}")))
                .isEqualTo(new ClickEvent("17", null, "214536502", null, null));
        assertThatThrownBy(() -> numeric.parse(utf8("{\"sessionId\":\"s\",\"itemId\":false}")))
                .hasMessageContaining("itemId must be a JSON string or a whole number, not a boolean");
        assertThatThrownBy(() -> numeric.parse(utf8("{\"sessionId\":\"s\",\"itemId\":1.5}")))
                .hasMessageContaining("not a fractional number");
    }

    @Test
    void timestampMustBeAWholeNumberInRange() {
        refused("{\"sessionId\":\"s\",\"itemId\":\"i\",\"timestamp\":\"1000\"}",
                "timestamp must be a whole number of epoch milliseconds, not a string");
        refused("{\"sessionId\":\"s\",\"itemId\":\"i\",\"timestamp\":1000.5}", "not a fractional number");
        refused("{\"sessionId\":\"s\",\"itemId\":\"i\",\"timestamp\":99999999999999999999}", "out of range");
        refused("{\"sessionId\":\"s\",\"itemId\":\"i\",\"eventType\":1}", "eventType must be a JSON string");
    }

    @Test
    void refusesOverlongUtf8InsteadOfDecodingIt() {
        // C0 AF is an overlong '/': a lenient decoder turns "a\xc0\xafb" into "a/b".
        refused(bytes("{\"sessionId\":\"s\",\"itemId\":\"a", new int[] {0xC0, 0xAF}, "b\"}"),
                "not valid UTF-8: byte 0xC0 at offset 28");
        // E0 80 AF: the same character, overlong in three bytes.
        refused(bytes("{\"sessionId\":\"s\",\"itemId\":\"a", new int[] {0xE0, 0x80, 0xAF}, "\"}"),
                "not valid UTF-8");
    }

    @Test
    void refusesEncodedSurrogatesInvalidBytesAndTruncatedSequences() {
        refused(bytes("{\"sessionId\":\"s\",\"itemId\":\"", new int[] {0xED, 0xA0, 0x80}, "\"}"), "not valid UTF-8");
        refused(bytes("{\"sessionId\":\"s\",\"itemId\":\"", new int[] {0xFF}, "\"}"), "byte 0xFF");
        refused(bytes("{\"sessionId\":\"s\",\"itemId\":\"", new int[] {0xE3, 0x82}, "\"}"), "not valid UTF-8");
        refused(bytes("{\"sessionId\":\"s\",\"itemId\":\"i\"}", new int[] {0xE3}, ""), "not valid UTF-8");
    }

    @Test
    void refusesLoneSurrogatesAndControlCharactersThatEscapesCanStillProduce() {
        refused("{\"sessionId\":\"s\",\"itemId\":\"a\\ud800\"}", "itemId contains an unpaired surrogate U+D800 at index 1");
        refused("{\"sessionId\":\"s\",\"itemId\":\"\\udc00a\"}", "unpaired surrogate U+DC00 at index 0");
        refused("{\"sessionId\":\"s\\u0000\",\"itemId\":\"i\"}", "sessionId contains control character U+0000");
        refused("{\"sessionId\":\"s\",\"itemId\":\"i\\n\"}", "itemId contains control character U+000A at index 1");
        refused("{\"sessionId\":\"s\",\"userId\":\"\\u009f\",\"itemId\":\"i\"}", "control character U+009F");
        // A raw control character is not JSON at all.
        refused(bytes("{\"sessionId\":\"s\",\"itemId\":\"i", new int[] {0x01}, "\"}"), "not valid JSON");
        // An escaped pair is a character like any other.
        assertThat(parse("{\"sessionId\":\"s\",\"itemId\":\"\\ud83d\\ude00\"}").itemId()).isEqualTo("😀");
    }

    @Test
    void refusesAByteOrderMarkAndUtf16Or32() {
        refused(bytes("", new int[] {0xEF, 0xBB, 0xBF}, "{\"sessionId\":\"s\",\"itemId\":\"i\"}"),
                "UTF-8 byte order mark");
        String json = "{\"sessionId\":\"s\",\"itemId\":\"i\"}";
        refused(json.getBytes(StandardCharsets.UTF_16), "UTF-16 byte order mark");
        refused(json.getBytes(StandardCharsets.UTF_16LE), "zero byte at offset 1");
        refused(json.getBytes(StandardCharsets.UTF_16BE), "zero byte at offset 0");
        refused(bytes("", new int[] {0xFF, 0xFE, 0, 0}, "x"), "UTF-32 byte order mark");
        refused(json.getBytes(java.nio.charset.Charset.forName("UTF-32BE")), "as UTF-16 or UTF-32 text does");
    }

    @Test
    void refusesTrailingContentButNotTrailingWhitespace() {
        refused("{\"sessionId\":\"s\",\"itemId\":\"i\"} garbage", "content after the event object");
        refused("{\"sessionId\":\"s\",\"itemId\":\"i\"}{\"itemId\":\"j\"}", "an object after the event object");
        refused("{\"sessionId\":\"s\",\"itemId\":\"i\"},", "after the event object");
        assertThat(parse("{\"sessionId\":\"s\",\"itemId\":\"i\"}\r\n\t ").itemId()).isEqualTo("i");
    }

    @Test
    void refusesDuplicateFieldsKnownOrNot() {
        refused("{\"sessionId\":\"s\",\"itemId\":\"i\",\"itemId\":\"j\"}", "Duplicate field 'itemId'");
        refused("{\"sessionId\":\"s\",\"itemId\":\"i\",\"x\":1,\"x\":2}", "Duplicate field 'x'");
    }

    @Test
    void measuresIdsInUtf8BytesAgainstTheLimit() {
        ClickEventParser tight = new ClickEventParser(8, false);
        assertThat(tight.parse(utf8("{\"sessionId\":\"12345678\",\"itemId\":\"éééé\"}")).itemId()).isEqualTo("éééé");
        assertThatThrownBy(() -> tight.parse(utf8("{\"sessionId\":\"s\",\"itemId\":\"ééééé\"}")))
                .hasMessage("itemId is 10 bytes, the limit is 8");
        assertThatThrownBy(() -> tight.parse(utf8("{\"sessionId\":\"s\",\"userId\":\"😀😀😀\",\"itemId\":\"i\"}")))
                .hasMessage("userId is 12 bytes, the limit is 8");
        String longSession = "s".repeat(100 * 1024);
        refused("{\"sessionId\":\"" + longSession + "\",\"itemId\":\"i\"}", "sessionId is 102400 bytes, the limit is 256");
    }

    @Test
    void namesWhatIsNotAnEventAtAll() {
        refused(new byte[0], "empty value");
        refused((byte[]) null, "no value (tombstone)");
        refused("null", "value is JSON null");
        refused("[1,2]", "not valid JSON for a click event: expected an object, found an array");
        refused("\"s\"", "found a string");
        refused("{not json", "not valid JSON");
        refused("{\"sessionId\":\"s\"", "not valid JSON: Unexpected end-of-input");
        refused("   ", "not valid JSON for a click event: expected an object, found nothing");
    }

    @Test
    void theLenientSerdeForOtherReadersIsUnchanged() {
        ClickEvent e = new ClickEventSerde().fromBytes(utf8("{\"sessionId\":\"s\",\"itemId\":42}"));
        assertThat(e.itemId()).isEqualTo("42");
    }
}
