package io.streamrec.streams.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StableHashTest {

    @Test
    void valuesStayWhatEarlierReleasesStored() {
        // Fingerprints live in session state and the traffic split must not move sessions between releases.
        assertThat(StableHash.of("i42")).isEqualTo(-6410709852321239173L);
        assertThat(StableHash.of("214536502")).isEqualTo(-357354946200300851L);
        assertThat(StableHash.of("s-17")).isEqualTo(-5135466902094449258L);
        assertThat(StableHash.of("caf\u00e9")).isEqualTo(-2251447986271062641L);
        assertThat(StableHash.of("\ud83d\ude00x")).isEqualTo(5557210570546560465L);
    }

    @Test
    void hashesTheUtf8BytesOfAnyString() {
        Random random = new Random(5);
        char[] alphabet = {'a', 'Z', '0', '-', '~', '\u007f', '\u0080', '\u00e9', '\u07ff', '\u0800', '\u20ac',
            '\ud83d', '\ude00', '\ud800', '\udfff', '\uffff'};
        for (int n = 0; n < 20_000; n++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(chars);
            assertThat(StableHash.of(s)).as("%s", s).isEqualTo(overUtf8Bytes(s));
        }
    }

    /** The definition: FNV-1a over the string's UTF-8 bytes, then the SplitMix64 finaliser. */
    private static long overUtf8Bytes(String value) {
        long h = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
