package io.streamrec.streams.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary form of {@link SessionState} for RocksDB and its changelog: it is written on every event, so
 * it should cost little. Layout: format byte, last event time, item count, then each item as length + UTF-8.
 */
public final class SessionStateSerde implements Serde<SessionState> {
    private static final byte FORMAT = 1;

    @Override
    public Serializer<SessionState> serializer() {
        return (topic, state) -> state == null ? null : toBytes(state);
    }

    @Override
    public Deserializer<SessionState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    static byte[] toBytes(SessionState state) {
        List<byte[]> encoded = new ArrayList<>(state.items().size());
        int size = 1 + Long.BYTES + Integer.BYTES;
        for (String item : state.items()) {
            byte[] bytes = item.getBytes(StandardCharsets.UTF_8);
            encoded.add(bytes);
            size += Integer.BYTES + bytes.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(FORMAT).putLong(state.lastEventTime()).putInt(encoded.size());
        for (byte[] bytes : encoded) {
            buffer.putInt(bytes.length).put(bytes);
        }
        return buffer.array();
    }

    static SessionState fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte format = buffer.get();
        if (format != FORMAT) {
            throw new SerializationException("unknown session state format " + format);
        }
        long lastEventTime = buffer.getLong();
        int count = buffer.getInt();
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] item = new byte[buffer.getInt()];
            buffer.get(item);
            items.add(new String(item, StandardCharsets.UTF_8));
        }
        return new SessionState(items, lastEventTime);
    }
}
