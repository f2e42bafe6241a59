package io.streamrec.schemas.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a click event off the events topic strictly, so that what the app keeps and answers is exactly what the
 * producer meant. {@link ClickEventSerde} stays as lenient as Jackson's defaults for readers of other sources (the
 * trainer's history); this is the wire path into the streams app.
 *
 * <ul>
 *   <li>The value is UTF-8, validated before parsing with a decoder that reports rather than replaces: overlong forms
 *       ({@code C0 AF} for {@code /}), encoded surrogates and invalid bytes are refused, as are a byte order mark and
 *       UTF-16 or UTF-32 input (which Jackson would otherwise detect and decode).</li>
 *   <li>One JSON object and nothing after it but whitespace; no field twice.</li>
 *   <li>{@code sessionId}, {@code userId} and {@code itemId} are JSON strings (whole numbers too when numeric ids are
 *       accepted: their digits are the id; never booleans, fractions or objects), of at most {@code maxIdBytes} UTF-8
 *       bytes, without control characters or unpaired surrogates (which a JSON escape can still produce).</li>
 *   <li>{@code timestamp} is a whole number, {@code eventType} a string; {@code null} means absent.</li>
 *   <li>Other fields are skipped whatever they hold, so that producers can add fields without breaking the app.</li>
 * </ul>
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ClickEventParser {
    /** Room for UUIDs, URLs' worth of SKU and user names; far below anything that strains the state or the answers. */
    public static final int DEFAULT_MAX_ID_BYTES = 256;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final int maxIdBytes;
    private final boolean acceptNumericIds;

    public ClickEventParser(int maxIdBytes, boolean acceptNumericIds) {
        if (maxIdBytes < 1) {
            throw new IllegalArgumentException("maxIdBytes must be at least 1, not " + maxIdBytes);
        }
        this.maxIdBytes = maxIdBytes;
        this.acceptNumericIds = acceptNumericIds;
    }

    /** The defaults: ids of at most {@value #DEFAULT_MAX_ID_BYTES} bytes, as JSON strings only. */
    public static ClickEventParser strict() {
        return new ClickEventParser(DEFAULT_MAX_ID_BYTES, false);
    }

    /**
     * The event in {@code value}; it is not validated beyond its encoding and types (see
     * {@link ClickEvent#validationError()}).
     *
     * @throws InvalidEventException with the reason when the value is not an event this parser accepts
     */
    public ClickEvent parse(byte[] value) {
        if (value == null) {
            throw new InvalidEventException("no value (tombstone)");
        }
        if (value.length == 0) {
            throw new InvalidEventException("empty value");
        }
        String text = decodeUtf8(value);
        try (JsonParser p = JSON.createParser(text)) {
            return readEvent(p);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()), e);
        } catch (IOException e) {
            // Parsing a String does no I/O; a parser that claims otherwise is a bug, not a bad event.
            throw new UncheckedIOException(e);
        }
    }

    private ClickEvent readEvent(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == JsonToken.VALUE_NULL) {
            throw new InvalidEventException("value is JSON null");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidEventException("not valid JSON for a click event: expected an object, found "
                    + describe(first));
        }
        String sessionId = null;
        String userId = null;
        String itemId = null;
        Long timestamp = null;
        String eventType = null;
        // The parser itself guarantees that the loop ends at the object's closing brace.
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            switch (field) {
                case "sessionId" -> sessionId = id(p, token, field);
                case "userId" -> userId = id(p, token, field);
                case "itemId" -> itemId = id(p, token, field);
                case "timestamp" -> timestamp = timestamp(p, token);
                case "eventType" -> eventType = string(p, token, field);
                default -> p.skipChildren();
            }
        }
        JsonToken after;
        try {
            after = p.nextToken();
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not valid JSON: content after the event object" + at(e.getLocation())
                    + ": " + e.getOriginalMessage(), e);
        }
        if (after != null) {
            throw new InvalidEventException("not valid JSON: " + describe(after) + " after the event object"
                    + at(p.currentTokenLocation()));
        }
        return new ClickEvent(sessionId, userId, itemId, timestamp, eventType);
    }

    private String id(JsonParser p, JsonToken token, String field) throws IOException {
        String id;
        if (token == JsonToken.VALUE_NULL) {
            return null;
        } else if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT && acceptNumericIds) {
            id = p.getText();
        } else {
            throw new InvalidEventException(field + " must be a JSON string"
                    + (acceptNumericIds ? " or a whole number" : "") + ", not " + describe(token));
        }
        checkId(field, id);
        return id;
    }

    /** Refuses control characters and unpaired surrogates, then measures the id in UTF-8 against the limit. */
    private void checkId(String field, String id) {
        long bytes = 0;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidEventException(String.format("%s contains control character U+%04X at index %d",
                        field, (int) c, i));
            }
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < id.length()
                    && Character.isLowSurrogate(id.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidEventException(String.format("%s contains an unpaired surrogate U+%04X at index %d",
                        field, (int) c, i));
            } else {
                bytes += 3;
            }
        }
        if (bytes > maxIdBytes) {
            throw new InvalidEventException(field + " is " + bytes + " bytes, the limit is " + maxIdBytes);
        }
    }

    private static Long timestamp(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidEventException("timestamp must be a whole number of epoch milliseconds, not "
                    + describe(token));
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new InvalidEventException("timestamp " + p.getText() + " is out of range");
        }
        return p.getLongValue();
    }

    private static String string(JsonParser p, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new InvalidEventException(field + " must be a JSON string, not " + describe(token));
        }
        return p.getText();
    }

    /**
     * The value as text, or the reason it is not UTF-8. Jackson, given bytes, guesses UTF-16 and UTF-32 from zero
     * bytes and decodes UTF-8 leniently, so the bytes are decoded here, strictly, and Jackson reads the text.
     */
    private static String decodeUtf8(byte[] value) {
        String bom = byteOrderMark(value);
        if (bom != null) {
            throw new InvalidEventException("value starts with a " + bom
                    + " byte order mark; events must be UTF-8 JSON without one");
        }
        for (int i = 0; i < Math.min(4, value.length); i++) {
            if (value[i] == 0) {
                throw new InvalidEventException("value has a zero byte at offset " + i
                        + ", as UTF-16 or UTF-32 text does; events must be UTF-8 JSON");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(value.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidEventException(String.format(
                    "not valid UTF-8: byte 0x%02X at offset %d (invalid, overlong or surrogate encoding)",
                    value[in.position()] & 0xFF, in.position()));
        }
        return out.flip().toString();
    }

    private static String byteOrderMark(byte[] v) {
        if (startsWith(v, 0xEF, 0xBB, 0xBF)) {
            return "UTF-8";
        }
        if (startsWith(v, 0x00, 0x00, 0xFE, 0xFF) || startsWith(v, 0xFF, 0xFE, 0x00, 0x00)) {
            return "UTF-32";
        }
        if (startsWith(v, 0xFE, 0xFF) || startsWith(v, 0xFF, 0xFE)) {
            return "UTF-16";
        }
        return null;
    }

    private static boolean startsWith(byte[] value, int... prefix) {
        if (value.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((value[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a fractional number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
