package io.streamrec.streams.session;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash of a string that is the same in every JVM, release and instance: FNV-1a over the UTF-8 bytes, then
 * the SplitMix64 finaliser so that every output bit depends on every input bit (FNV-1a alone spreads the short,
 * similar ids that sessions and items have poorly over the low bits). {@link String#hashCode()} is stable too, but
 * collides on trivially related strings; and the values here outlive the process: item fingerprints are stored in
 * session state, and the traffic split must send a session to the same line on every instance, before and after a
 * restart.
 */
public final class StableHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StableHash() {
    }

    public static long of(String value) {
        long h = FNV_OFFSET;
        int length = value.length();
        int i = 0;
        // ASCII, as ids almost always are, is its own UTF-8: hashed from the chars, without encoding a copy (the
        // served list hashes K ids per event). The first other char hands the rest to the encoder; same bytes.
        for (; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                break;
            }
            h ^= c;
            h *= FNV_PRIME;
        }
        if (i < length) {
            for (byte b : value.substring(i).getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= FNV_PRIME;
            }
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }

    /** 32 bits of {@link #of}: enough to tell the items of one short list apart (see {@link ServedList}). */
    public static int fingerprint(String value) {
        return (int) of(value);
    }
}
