package io.streamrec.streams.session;

import io.streamrec.model.ModelState;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary form of {@link SessionState} for RocksDB and its changelog: it is written on every event, so it
 * should cost little (JSON would be about twice the size and several times the CPU).
 *
 * <p>Layout, big-endian: format byte; last event time (8); user id as a string or length -1 for none (formats 2
 * and later); item count (4); each item as a string. Format 3 adds a model-state section; format 4 has four
 * sections, each a flag byte and, when the flag is 1, its content: the main line's model state, the list last sent,
 * the shadow model's state, the shadow's last list. Format 5 (written now) has a fifth, after the main line's model
 * state: the state its last answer was computed on, which is always the same model's, so only its value count (4)
 * and values. A model state is the model name as a string, its version (8), the value count (4) and the float
 * values; a list is the model name, its version (8), the item count (4) and one 32-bit fingerprint per item. A string
 * is its UTF-8 length (4) and bytes.
 *
 * <p>The first byte names the format so that a new build reads the state (and changelog) an older one wrote:
 * formats 1 to 4 are still read, with the newer parts absent. An older build refuses a newer format as unknown, which
 * the topology treats as an unreadable state (the session starts afresh) rather than a failure.
 */
public final class SessionStateSerde implements Serde<SessionState> {
    static final byte FORMAT_V1 = 1;
    static final byte FORMAT_V2 = 2;
    static final byte FORMAT_V3 = 3;
    static final byte FORMAT_V4 = 4;
    static final byte FORMAT_V5 = 5;

    @Override
    public Serializer<SessionState> serializer() {
        return (topic, state) -> state == null ? null : toBytes(state);
    }

    @Override
    public Deserializer<SessionState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    public static byte[] toBytes(SessionState state) {
        // Sized first and written into one array: this runs on every event, and a stream writer's per-byte
        // (synchronised) writes cost several times as much for a model state of a hundred floats.
        byte[] user = utf8(state.userId());
        List<String> items = state.items();
        byte[][] itemBytes = new byte[items.size()][];
        int size = 1 + Long.BYTES + stringSize(user) + Integer.BYTES;
        for (int i = 0; i < itemBytes.length; i++) {
            itemBytes[i] = utf8(items.get(i));
            size += stringSize(itemBytes[i]);
        }
        ModelState main = state.modelState();
        ModelState answeredFrom = state.answeredFrom();
        ServedList lastAnswer = state.lastAnswer();
        ModelState shadow = state.shadowState();
        ServedList lastShadowAnswer = state.lastShadowAnswer();
        byte[] mainName = main == null ? null : utf8(main.modelName());
        byte[] answerName = lastAnswer == null ? null : utf8(lastAnswer.modelName());
        byte[] shadowName = shadow == null ? null : utf8(shadow.modelName());
        byte[] shadowAnswerName = lastShadowAnswer == null ? null : utf8(lastShadowAnswer.modelName());
        size += sectionSize(mainName, main == null ? 0 : main.values().length)
                + valuesSectionSize(answeredFrom)
                + sectionSize(answerName, lastAnswer == null ? 0 : lastAnswer.size())
                + sectionSize(shadowName, shadow == null ? 0 : shadow.values().length)
                + sectionSize(shadowAnswerName, lastShadowAnswer == null ? 0 : lastShadowAnswer.size());
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT_V5);
        out.putLong(state.lastEventTime());
        putString(out, user);
        out.putInt(itemBytes.length);
        for (byte[] item : itemBytes) {
            putString(out, item);
        }
        putModelState(out, main, mainName);
        putValues(out, answeredFrom);
        putServedList(out, lastAnswer, answerName);
        putModelState(out, shadow, shadowName);
        putServedList(out, lastShadowAnswer, shadowAnswerName);
        return out.array();
    }

    /**
     * The length {@link #toBytes} returns for {@code state}, counted without writing it: what the state's changelog
     * record will carry, checked against the record limit before the state is stored.
     */
    public static int serializedSize(SessionState state) {
        long size = 1 + Long.BYTES + Integer.BYTES + utf8Length(state.userId()) + Integer.BYTES;
        for (String item : state.items()) {
            size += Integer.BYTES + utf8Length(item);
        }
        size += sectionSize(state.modelState());
        size += valuesSectionSize(state.answeredFrom());
        size += sectionSize(state.lastAnswer() == null ? -1 : utf8Length(state.lastAnswer().modelName()),
                state.lastAnswer() == null ? 0 : state.lastAnswer().size());
        size += sectionSize(state.shadowState());
        size += sectionSize(state.lastShadowAnswer() == null ? -1 : utf8Length(state.lastShadowAnswer().modelName()),
                state.lastShadowAnswer() == null ? 0 : state.lastShadowAnswer().size());
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /** {@code value.getBytes(UTF_8).length} without the copy (an unpaired surrogate encodes as one '?'); 0 for null. */
    private static int utf8Length(String value) {
        if (value == null) {
            return 0;
        }
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return bytes;
    }

    /** A model-state section's size: its flag byte and, when present, its name, version, count and values. */
    private static long sectionSize(ModelState model) {
        return model == null ? 1 : sectionSize(utf8Length(model.modelName()), model.values().length);
    }

    /** A section of bare model-state values: its flag byte and, when present, the count and values. */
    private static int valuesSectionSize(ModelState model) {
        return model == null ? 1 : 1 + Integer.BYTES + model.values().length * Float.BYTES;
    }

    /** A section's flag byte and, when present ({@code nameBytes} >= 0), its name, version, count and values. */
    private static long sectionSize(int nameBytes, int values) {
        return nameBytes < 0 ? 1 : 1 + Integer.BYTES + nameBytes + Long.BYTES + Integer.BYTES + values * 4L;
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static int stringSize(byte[] utf8) {
        return Integer.BYTES + (utf8 == null ? 0 : utf8.length);
    }

    /** A section's flag byte and, when present, its name, version, count and 4-byte values. */
    private static int sectionSize(byte[] name, int values) {
        return name == null ? 1 : 1 + stringSize(name) + Long.BYTES + Integer.BYTES + values * 4;
    }

    private static void putString(ByteBuffer out, byte[] utf8) {
        if (utf8 == null) {
            out.putInt(-1);
            return;
        }
        out.putInt(utf8.length);
        out.put(utf8);
    }

    /** Writes a section's flag byte; returns whether the section's content follows. */
    private static boolean flag(ByteBuffer out, Object section) {
        out.put((byte) (section == null ? 0 : 1));
        return section != null;
    }

    private static void putModelState(ByteBuffer out, ModelState model, byte[] name) {
        if (flag(out, model)) {
            putString(out, name);
            out.putLong(model.modelVersion());
            putFloats(out, model.values());
        }
    }

    private static void putValues(ByteBuffer out, ModelState model) {
        if (flag(out, model)) {
            putFloats(out, model.values());
        }
    }

    private static void putFloats(ByteBuffer out, float[] values) {
        out.putInt(values.length);
        out.asFloatBuffer().put(values);
        out.position(out.position() + values.length * Float.BYTES);
    }

    private static void putServedList(ByteBuffer out, ServedList list, byte[] name) {
        if (!flag(out, list)) {
            return;
        }
        putString(out, name);
        out.putLong(list.modelVersion());
        out.putInt(list.size());
        list.copyFingerprints(out.asIntBuffer());
        out.position(out.position() + list.size() * Integer.BYTES);
    }

    public static SessionState fromBytes(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte format = buffer.get();
            if (format < FORMAT_V1 || format > FORMAT_V5) {
                throw new SerializationException("unknown session state format " + format);
            }
            long lastEventTime = buffer.getLong();
            String userId = format >= FORMAT_V2 ? readString(buffer) : null;
            int count = buffer.getInt();
            if (count < 0 || count > buffer.remaining() / Integer.BYTES) {
                throw new SerializationException("session state claims " + count + " items in "
                        + buffer.remaining() + " bytes");
            }
            List<String> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(readString(buffer));
            }
            ModelState model = format >= FORMAT_V3 && present(buffer) ? readModelState(buffer) : null;
            if (format < FORMAT_V4) {
                return new SessionState(items, lastEventTime, userId, model);
            }
            ModelState answeredFrom = format >= FORMAT_V5 && present(buffer) ? sameModel(model, buffer) : null;
            ServedList lastAnswer = present(buffer) ? readServedList(buffer) : null;
            ModelState shadow = present(buffer) ? readModelState(buffer) : null;
            ServedList lastShadowAnswer = present(buffer) ? readServedList(buffer) : null;
            return new SessionState(items, lastEventTime, userId, model, answeredFrom, lastAnswer, shadow,
                    lastShadowAnswer);
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("truncated or corrupt session state (" + bytes.length + " bytes)", e);
        }
    }

    private static boolean present(ByteBuffer buffer) {
        byte flag = buffer.get();
        if (flag != 0 && flag != 1) {
            throw new SerializationException("corrupt session state: section flag " + flag);
        }
        return flag == 1;
    }

    private static ModelState readModelState(ByteBuffer buffer) {
        String name = readModelName(buffer);
        long version = buffer.getLong();
        return new ModelState(name, version, readFloats(buffer));
    }

    private static float[] readFloats(ByteBuffer buffer) {
        float[] values = new float[claimedCount(buffer, Float.BYTES, "model state", "values")];
        int count = values.length;
        buffer.asFloatBuffer().get(values);
        buffer.position(buffer.position() + count * Float.BYTES);
        return values;
    }

    /** A bare-values section: the values of a state of the same model as {@code model}. */
    private static ModelState sameModel(ModelState model, ByteBuffer buffer) {
        if (model == null) {
            throw new SerializationException("corrupt session state: the state an answer came from without a model "
                    + "state");
        }
        return new ModelState(model.modelName(), model.modelVersion(), readFloats(buffer));
    }

    private static ServedList readServedList(ByteBuffer buffer) {
        String name = readModelName(buffer);
        long version = buffer.getLong();
        int[] fingerprints = new int[claimedCount(buffer, Integer.BYTES, "served list", "items")];
        int count = fingerprints.length;
        buffer.asIntBuffer().get(fingerprints);
        buffer.position(buffer.position() + count * Integer.BYTES);
        return new ServedList(name, version, fingerprints);
    }

    /** The element count a section states, refused when the bytes left cannot hold that many (a corrupt record). */
    private static int claimedCount(ByteBuffer buffer, int elementBytes, String section, String elements) {
        int count = buffer.getInt();
        if (count < 0 || count > buffer.remaining() / elementBytes) {
            throw new SerializationException(section + " claims " + count + " " + elements + " in "
                    + buffer.remaining() + " bytes");
        }
        return count;
    }

    private static String readModelName(ByteBuffer buffer) {
        String name = readString(buffer);
        if (name == null) {
            throw new SerializationException("corrupt session state: a model section without a model name");
        }
        return name;
    }

    private static String readString(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > buffer.remaining()) {
            throw new SerializationException("string of length " + length + " in " + buffer.remaining() + " bytes");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
