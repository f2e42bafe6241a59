package io.streamrec.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchFiguresTest {
    @TempDir
    Path dir;

    @Test
    void rowSpecsParseWithAndWithoutCatalogues() {
        assertThat(RowSpec.parse("ceiling")).isEqualTo(new RowSpec(RowSpec.Kind.CEILING, 1000));
        assertThat(RowSpec.parse("gru4rec-60k")).isEqualTo(new RowSpec(RowSpec.Kind.GRU4REC, 60_000));
        assertThat(RowSpec.parse(" Caser-2933 ")).isEqualTo(new RowSpec(RowSpec.Kind.CASER, 2933));
        assertThat(RowSpec.parse("popularity-60k").label()).isEqualTo("popularity-60k");
        assertThat(RowSpec.parse("gru4rec-300000").label()).isEqualTo("gru4rec-300k");
        assertThat(RowSpec.parse("ai2v-2933").label()).isEqualTo("ai2v-2933");
        assertThatThrownBy(() -> RowSpec.parse("gru4rec")).hasMessageContaining("catalogue size");
        assertThatThrownBy(() -> RowSpec.parse("sasrec-1k")).hasMessageContaining("unknown row");
        assertThatThrownBy(() -> RowSpec.parse("caser-lots")).hasMessageContaining("not a catalogue size");
    }

    @Test
    void ratiosUseTheCeilingAndTheSmallerOfCeilingAndModelLimit() {
        ModelLimitResult limit = ModelLimitResult.of("step", List.of(
                ModelLimitResult.BatchFigure.of(1, 100, 0.2),      // 500 events/s
                ModelLimitResult.BatchFigure.of(8, 100, 0.4),      // 2,000 events/s
                ModelLimitResult.BatchFigure.of(64, 10, 0.4)));    // 1,600 events/s
        assertThat(limit.bestBatch()).isEqualTo(8);
        assertThat(limit.bestEventsPerSecond()).isCloseTo(2_000, within(1e-6));

        RowReport model = row("gru4rec", 1_500.0, limit);
        RowReport slowCeiling = model.withCeiling(1_000.0);   // the ceiling binds
        assertThat(slowCeiling.ratioToCeiling()).isCloseTo(1.5, within(1e-9));
        assertThat(slowCeiling.bound()).isEqualTo(1_000.0);
        assertThat(slowCeiling.ratioToBound()).isCloseTo(1.5, within(1e-9));
        RowReport fastCeiling = model.withCeiling(10_000.0);  // the model binds
        assertThat(fastCeiling.bound()).isCloseTo(2_000, within(1e-6));
        assertThat(fastCeiling.ratioToBound()).isCloseTo(0.75, within(1e-9));

        RowReport noCeiling = model.withCeiling(null);
        assertThat(noCeiling.ratioToCeiling()).isNull();
        assertThat(noCeiling.bound()).isCloseTo(2_000, within(1e-6));
        RowReport popularity = row("popularity", 900.0, null).withCeiling(1_000.0);
        assertThat(popularity.ratioToCeiling()).isCloseTo(0.9, within(1e-9));
        assertThat(popularity.bound()).isNull();
        assertThat(popularity.ratioToBound()).isNull();
        assertThat(row("gru4rec", null, limit).withCeiling(1_000.0).ratioToBound()).isNull();
    }

    @Test
    void theFirstMeasuredCeilingIsTheBaseOfEveryRow() {
        List<RowReport> rows = StreamBenchCommand.withCeilingRatios(List.of(
                row("ceiling", 4_000.0, null), row("popularity", 1_000.0, null)));
        assertThat(rows.get(0).ratioToCeiling()).isEqualTo(1.0);
        assertThat(rows.get(1).ratioToCeiling()).isEqualTo(0.25);
        List<RowReport> failedCeiling = StreamBenchCommand.withCeilingRatios(List.of(
                row("ceiling", null, null), row("popularity", 1_000.0, null)));
        assertThat(failedCeiling.get(1).ratioToCeiling()).isNull();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] values = new long[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = values.length - i;   // 1000 .. 1, unsorted on purpose
        }
        Percentiles p = Percentiles.of(values);
        assertThat(p.count()).isEqualTo(1000);
        assertThat(p.p50()).isEqualTo(500);
        assertThat(p.p99()).isEqualTo(990);
        assertThat(p.p999()).isEqualTo(999);
        assertThat(p.max()).isEqualTo(1000);
        assertThat(values[0]).isEqualTo(1000);   // the input is left as it was
        assertThat(Percentiles.of(new long[] {7})).isEqualTo(new Percentiles(1, 7, 7, 7, 7));
        assertThat(Percentiles.of(new long[0])).isNull();
    }

    @Test
    void theReportIsValidJsonWithNullsForWhatWasNotMeasured() throws Exception {
        RowReport failed = new RowReport("gru4rec-300k", "gru4rec", 300_000, RowReport.FAILED, "too large", 10, 0,
                null, null, null, null, null, null, null, null, null, null);
        StreamBenchReport report = new StreamBenchReport("throughput", "2026-01-01T00:00:00Z",
                new StreamBenchReport.Setup(10, 5, 2, 1, "exactly_once_v2", 100, Map.of("linger.ms", "5"), 663, 900,
                        List.of(1, 2), 180, 2),
                StreamBenchCommand.withCeilingRatios(List.of(row("ceiling", 4_000.0, null), failed)), null);
        Path file = dir.resolve("sub/bench.json");
        report.write(file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("mode").asText()).isEqualTo("throughput");
        assertThat(json.get("setup").get("ceilingStateBytes").asInt()).isEqualTo(663);
        assertThat(json.get("rows")).hasSize(2);
        assertThat(json.get("rows").get(0).get("eventsPerSecond").asDouble()).isEqualTo(4_000.0);
        JsonNode second = json.get("rows").get(1);
        assertThat(second.get("status").asText()).isEqualTo("failed");
        assertThat(second.get("reason").asText()).isEqualTo("too large");
        assertThat(second.get("eventsPerSecond").isNull()).isTrue();
        assertThat(second.get("ratioToCeiling").isNull()).isTrue();
        assertThat(json.get("latency").isNull()).isTrue();
    }

    @Test
    void aReasonIsTheFirstMessageOnOneLine() {
        assertThat(StreamBenchCommand.reason(new IllegalStateException("publishing failed:\n  too big",
                new RuntimeException("inner")))).isEqualTo("publishing failed: too big");
        assertThat(StreamBenchCommand.reason(new RuntimeException(new IllegalArgumentException("inner"))))
                .isEqualTo("java.lang.IllegalArgumentException: inner");
        assertThat(StreamBenchCommand.reason(new OutOfMemoryError())).isEqualTo("OutOfMemoryError");
    }

    @Test
    void tablesShowADashForWhatWasNotMeasured() {
        List<RowReport> rows = StreamBenchCommand.withCeilingRatios(List.of(row("ceiling", 4_000.0, null),
                new RowReport("gru4rec-300k", "gru4rec", 300_000, RowReport.FAILED, "too large", 10, 0, null, null,
                        null, null, null, null, null, null, null, null)));
        String table = BenchTables.throughput(rows);
        assertThat(table).contains("ceiling").contains("4,000").contains("1.000")
                .contains("gru4rec-300k failed: too large");
        assertThat(BenchTables.compact(1_234_567)).isEqualTo("1.23M");
        assertThat(BenchTables.compact(12_345)).isEqualTo("12.3k");
    }

    @Test
    void repeatedRoundsReportEachFiguresMedianWithRatiosTakenWithinARound() {
        List<List<RowReport>> rounds = List.of(
                StreamBenchCommand.withCeilingRatios(List.of(row("ceiling", 10_000.0, null), row("popularity", 9_000.0, null))),
                StreamBenchCommand.withCeilingRatios(List.of(row("ceiling", 40_000.0, null), row("popularity", 12_000.0, null))),
                StreamBenchCommand.withCeilingRatios(List.of(row("ceiling", 20_000.0, null), row("popularity", 14_000.0, null))));
        List<RowReport> medians = RowReport.medians(rounds);
        assertThat(medians).extracting(RowReport::row).containsExactly("ceiling", "popularity");
        assertThat(medians.get(0).eventsPerSecond()).isEqualTo(20_000.0);
        assertThat(medians.get(1).eventsPerSecond()).isEqualTo(12_000.0);
        // 0.9, 0.3 and 0.7 within the rounds: the median is 0.7, where the medians' quotient would say 0.6.
        assertThat(medians.get(1).ratioToCeiling()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(RowReport.medians(rounds.subList(0, 1))).isEqualTo(rounds.get(0));
    }

    private static RowReport row(String kind, Double eventsPerSecond, ModelLimitResult limit) {
        return new RowReport(kind, kind, 1000, RowReport.OK, null, 100, 100, 1.0, eventsPerSecond, null, limit, null,
                null, null, null, null, null);
    }
}
