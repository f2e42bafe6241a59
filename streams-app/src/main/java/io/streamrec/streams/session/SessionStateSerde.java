package io.streamrec.streams.session;

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
 * and 3); item count (4); each item as a string; then (format 3) a model-state flag byte, and when it is 1 the model
 * name as a string, its version (8), the value count (4) and the float values. A string is its UTF-8 length (4) and
 * bytes. The first byte names the format so that a later layout can still read state (and changelogs) written by
 * this one; formats 1 and 2 are still read.
 */
public final class SessionStateSerde implements Serde<SessionState> {
    static final byte FORMAT_V1 = 1;
    static final byte FORMAT_V2 = 2;
    static final byte FORMAT_V3 = 3;

    @Override
    public Serializer<SessionState> serializer() {
        return (topic, state) -> state == null ? null : toBytes(state);
    }

    @Override
    public Deserializer<SessionState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    public static byte[] toBytes(SessionState state) {
        byte[] user = state.userId() == null ? null : state.userId().getBytes(StandardCharsets.UTF_8);
        List<byte[]> encoded = new ArrayList<>(state.items().size());
        int size = 1 + Long.BYTES + Integer.BYTES + (user == null ? 0 : user.length) + Integer.BYTES;
        for (String item : state.items()) {
            byte[] bytes = item.getBytes(StandardCharsets.UTF_8);
            encoded.add(bytes);
            size += Integer.BYTES + bytes.length;
        }
        ModelState model = state.modelState();
        byte[] modelName = model == null ? null : model.modelName().getBytes(StandardCharsets.UTF_8);
        size += 1 + (model == null ? 0 : Integer.BYTES + modelName.length + Long.BYTES + Integer.BYTES
                + Float.BYTES * model.values().length);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(FORMAT_V3).putLong(state.lastEventTime());
        if (user == null) {
            buffer.putInt(-1);
        } else {
            buffer.putInt(user.length).put(user);
        }
        buffer.putInt(encoded.size());
        for (byte[] bytes : encoded) {
            buffer.putInt(bytes.length).put(bytes);
        }
        if (model == null) {
            buffer.put((byte) 0);
        } else {
            buffer.put((byte) 1).putInt(modelName.length).put(modelName).putLong(model.modelVersion())
                    .putInt(model.values().length);
            for (float v : model.values()) {
                buffer.putFloat(v);
            }
        }
        return buffer.array();
    }

    public static SessionState fromBytes(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte format = buffer.get();
            if (format != FORMAT_V1 && format != FORMAT_V2 && format != FORMAT_V3) {
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
            ModelState model = format >= FORMAT_V3 && buffer.get() == 1 ? readModelState(buffer) : null;
            return new SessionState(items, lastEventTime, userId, model);
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("truncated or corrupt session state (" + bytes.length + " bytes)", e);
        }
    }

    private static ModelState readModelState(ByteBuffer buffer) {
        String name = readString(buffer);
        long version = buffer.getLong();
        int count = buffer.getInt();
        if (count < 0 || count > buffer.remaining() / Float.BYTES) {
            throw new SerializationException("model state claims " + count + " values in " + buffer.remaining()
                    + " bytes");
        }
        float[] values = new float[count];
        buffer.asFloatBuffer().get(values);
        buffer.position(buffer.position() + count * Float.BYTES);
        return new ModelState(name, version, values);
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
