package io.streamrec.schemas.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    enum Loss { CROSS_ENTROPY, BPR_MAX }

    static final Setting<Integer> HIDDEN = Setting.integer("hidden_size", 100, 1, 4096, "GRU units");
    static final Setting<Double> RATE = Setting.decimal("learning_rate", 0.05, 0, 10, "step size");
    static final Setting<Loss> LOSS = Setting.choice("loss", Loss.class, Loss.CROSS_ENTROPY, "training loss");
    static final Setting<Boolean> NESTEROV = Setting.flag("nesterov", true, "look-ahead momentum");
    static final Setting<Duration> GAP = Setting.duration("session_gap", Duration.ofMinutes(30),
            Duration.ofSeconds(1), Duration.ofDays(7), "inactivity that ends a session");
    static final Setting<Long> EVENT = Setting.bytes("max_event_bytes", 64 * 1024, 1024, 1 << 30, "largest event");
    static final Setting<String> SHADOW = Setting.text("shadow", "x", "shadow line").optional();
    static final SettingGroup GROUP = SettingGroup.of("test", HIDDEN, RATE, LOSS, NESTEROV, GAP, EVENT, SHADOW);

    @Test
    void defaultsAreTheDeclaredValues() {
        Settings s = GROUP.defaults();
        assertEquals(100, s.get(HIDDEN));
        assertEquals(0.05, s.get(RATE));
        assertEquals(Loss.CROSS_ENTROPY, s.get(LOSS));
        assertEquals(Duration.ofMinutes(30), s.get(GAP));
        assertNull(s.get(SHADOW));
    }

    @Test
    void everyTypeReadsItsTextForms() {
        Settings s = GROUP.resolve(Map.of("hidden_size", " 512 ", "learning_rate", "0.1", "loss", "BPR_max",
                "nesterov", "no", "session_gap", "90s", "max_event_bytes", "1MiB", "shadow", "caser"));
        assertEquals(512, s.get(HIDDEN));
        assertEquals(0.1, s.get(RATE));
        assertEquals(Loss.BPR_MAX, s.get(LOSS));
        assertEquals(false, s.get(NESTEROV));
        assertEquals(Duration.ofSeconds(90), s.get(GAP));
        assertEquals(1L << 20, s.get(EVENT));
        assertEquals("caser", s.get(SHADOW));
        assertEquals(Duration.parse("PT1H"), s.with("session_gap", "PT1H").get(GAP));
    }

    @Test
    void writtenValuesReadBackToTheSameSettings() {
        Settings s = GROUP.resolve(Map.of("hidden_size", "7", "loss", "bpr-max", "session_gap", "1500ms",
                "max_event_bytes", "65537"));
        Map<String, String> text = s.asStrings();
        assertEquals(List.of("hidden_size", "learning_rate", "loss", "nesterov", "session_gap", "max_event_bytes",
                "shadow"), List.copyOf(text.keySet()));
        assertEquals("bpr-max", text.get("loss"));
        assertEquals("1500ms", text.get("session_gap"));
        assertEquals("64KiB", GROUP.defaults().asStrings().get("max_event_bytes"));
        assertEquals("0.05", GROUP.defaults().asStrings().get("learning_rate"));
        assertEquals(s, GROUP.resolve(text));
    }

    @Test
    void unknownKeysAreRefusedWithTheNearestKnownOne() {
        SettingException e = assertThrows(SettingException.class,
                () -> GROUP.resolve(Map.of("hiden_size", "10")));
        assertEquals("hiden_size", e.key());
        assertTrue(e.getMessage().contains("did you mean hidden_size?"), e.getMessage());
        assertTrue(assertThrows(SettingException.class, () -> GROUP.resolve(Map.of("zzz", "1"))).getMessage()
                .startsWith("zzz: not a test setting; known: [hidden_size"));
    }

    @Test
    void valuesOutsideTheRangeOrTypeAreRefusedNamingTheKey() {
        assertEquals("hidden_size: must be from 1 to 4096, got 0",
                assertThrows(SettingException.class, () -> GROUP.resolve(Map.of("hidden_size", "0"))).getMessage());
        assertEquals("hidden_size: 'ten' is not a whole number from 1 to 4096",
                assertThrows(SettingException.class, () -> GROUP.resolve(Map.of("hidden_size", "ten")))
                        .getMessage());
        assertEquals("learning_rate: must be from 0 to 10, got NaN",
                assertThrows(SettingException.class, () -> GROUP.resolve(Map.of("learning_rate", "NaN")))
                        .getMessage());
        assertTrue(assertThrows(SettingException.class, () -> GROUP.resolve(Map.of("loss", "hinge")))
                .getMessage().contains("one of cross-entropy, bpr-max"));
        assertTrue(assertThrows(SettingException.class, () -> GROUP.resolve(Map.of("session_gap", "8d")))
                .getMessage().startsWith("session_gap: must be from 1s to 7d, got 8d"));
        assertThrows(SettingException.class, () -> GROUP.resolve(Map.of("nesterov", "maybe")));
        assertThrows(SettingException.class, () -> GROUP.defaults().with(HIDDEN, 5000));
        assertThrows(SettingException.class, () -> GROUP.defaults().with(HIDDEN, null));
    }

    @Test
    void aDefaultOutsideItsOwnRangeCannotBeDeclared() {
        assertThrows(SettingException.class, () -> Setting.integer("k", 0, 1, 10, "doc"));
        assertThrows(IllegalArgumentException.class, () -> Setting.integer("CamelCase", 1, 1, 10, "doc"));
        assertThrows(IllegalArgumentException.class, () -> SettingGroup.of("twice", HIDDEN, HIDDEN));
    }

    @Test
    void aSettingOfAnotherGroupIsNotReadHere() {
        Setting<Integer> other = Setting.integer("hidden_size", 100, 1, 4096, "another declaration");
        assertThrows(IllegalArgumentException.class, () -> GROUP.defaults().get(other));
    }

    @Test
    void sourcesReadFilesAssignmentsAndTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.properties");
        Files.writeString(file, "# comment\nhidden_size = 200\ngru4rec.loss=bpr-max\n");
        Map<String, String> entries = SettingSources.file(file);
        assertEquals(Map.of("hidden_size", "200", "gru4rec.loss", "bpr-max"), entries);
        assertEquals(Map.of("loss", "bpr-max"), SettingSources.section(entries, "gru4rec."));
        assertEquals(Map.of("hidden_size", "64"), SettingSources.environment(
                Map.of("STREAMREC_TEST_HIDDEN_SIZE", "64", "PATH", "/bin"), "STREAMREC_TEST_"));
        assertEquals(Map.of("loss", "bpr-max", "hidden_size", "3"),
                SettingSources.assignments(List.of("loss=bpr-max", "hidden_size = 3")));
        assertThrows(IllegalArgumentException.class, () -> SettingSources.assignments(List.of("hidden_size")));
        Settings layered = GROUP.resolve(Map.of("hidden_size", "200"), Map.of("hidden_size", "300"));
        assertEquals(300, layered.get(HIDDEN));
    }

    @Test
    void helpListsEveryKeyWithDefaultAndRange() {
        List<String> lines = GROUP.helpLines();
        assertEquals(GROUP.settings().size(), lines.size());
        assertEquals("  hidden_size      GRU units (default 100; a whole number from 1 to 4096)", lines.get(0));
        assertTrue(lines.get(6).contains("(default unset; text (or nothing))"), lines.get(6));
    }

    @Test
    void aListTakesCommaSeparatedValuesEachCheckedAsOne() {
        Setting<List<Integer>> sizes = Setting.integer("batch_sizes", 1, 1, 256, "batch sizes")
                .asList(List.of(1, 2, 4));
        SettingGroup group = SettingGroup.of("test", sizes);

        assertEquals(List.of(1, 2, 4), group.defaults().get(sizes));
        assertEquals(List.of(8, 16), group.resolve(Map.of("batch_sizes", " 8, 16 ")).get(sizes));
        assertEquals("1,2,4", group.defaults().asStrings().get("batch_sizes"));
        assertEquals("batch_sizes: must be from 1 to 256, got 512",
                assertThrows(SettingException.class, () -> sizes.parse("8,512")).getMessage());
        assertEquals("batch_sizes: 'a,b' is not a comma-separated list, each a whole number from 1 to 256",
                assertThrows(SettingException.class, () -> sizes.parse("a,b")).getMessage());
        assertEquals("batch_sizes: must name at least one",
                assertThrows(SettingException.class, () -> sizes.parse("")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Setting.integer("n", 1, 1, 2, "n").asList(List.of(3)));
    }
}
