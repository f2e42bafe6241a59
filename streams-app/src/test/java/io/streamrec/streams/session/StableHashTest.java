package io.streamrec.streams.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fingerprints live in session state and the traffic split must not move sessions between releases, so the values
 * are pinned: computed once, when the function was FNV-1a over the string's UTF-8 bytes followed by the SplitMix64
 * finaliser, and checked then against a direct restatement of that definition.
 */
class StableHashTest {

    @ParameterizedTest
    @CsvSource({
        "i42, -6410709852321239173",
        "214536502, -357354946200300851",
        "s-17, -5135466902094449258",
        "caf\u00e9, -2251447986271062641",
        "\ud83d\ude00x, 5557210570546560465",
        "'', -780787492076525413",
        // ASCII is hashed from the chars and the first other char hands the rest to the encoder: the hand-over at
        // every place, and lone surrogates, which the encoder writes as '?'
        "a\u00e9, -7476109211772489408",
        "\u00e9a, -2646977557798563884",
        "ab\ud83d\ude00cd, -7355068454007876775",
        "x\ud800, -8798392142901097700",
        "\udfffx, 4141727126811614364",
        "\u0800\u07ff\u007f, 1592579810609693140"})
    void valuesStayWhatEarlierReleasesStored(String value, long hash) {
        assertThat(StableHash.of(value)).isEqualTo(hash);
    }

    @Test
    void aFoldOfTwentyThousandRandomStringsHashesStaysTheSame() {
        // Strings of up to 11 chars drawn from ASCII, the edges of each UTF-8 length, and (lone) surrogates.
        Random random = new Random(5);
        char[] alphabet = {'a', 'Z', '0', '-', '~', '\u007f', '\u0080', '\u00e9', '\u07ff', '\u0800', '\u20ac',
            '\ud83d', '\ude00', '\ud800', '\udfff', '\uffff'};
        long fold = 0;
        for (int n = 0; n < 20_000; n++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet[random.nextInt(alphabet.length)];
            }
            fold = fold * 31 + StableHash.of(new String(chars));
        }
        assertThat(fold).isEqualTo(-7488057607328250627L);
    }
}
