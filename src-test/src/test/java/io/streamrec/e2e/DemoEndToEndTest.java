package io.streamrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamrec.demo.Demo;
import io.streamrec.demo.DemoSettings;
import io.streamrec.demo.DemoSummary;
import io.streamrec.schemas.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command, scaled down: everything it promises must hold on a small run. */
class DemoEndToEndTest {

    @Test
    void theDemoAnswersEveryEventSwapsToTheSecondModelAndBeatsPopularity(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("summary.json");
        DemoSettings settings = new DemoSettings(null, 300, 4000, 11, 0.1, 1500, 500, 1, 0.3, 200, 2, 3, 3,
                "exactly_once_v2", json, dir.resolve("work"), null);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoSummary summary = new Demo(settings, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertThat(summary.noEventLost()).isTrue();
        assertThat(summary.eventsIn()).isEqualTo(summary.recommendationsOut() + summary.deadLettered());
        assertThat(summary.deadLettered()).isEqualTo(summary.malformedSent()).isPositive();
        assertThat(summary.modelVersionsServed()).containsSubsequence("gru4rec v1", "gru4rec v2");
        DemoSummary.Accuracy served = summary.accuracy().get("served");
        DemoSummary.Accuracy popularity = summary.accuracy().get("popularity baseline");
        assertThat(served.events()).isEqualTo(popularity.events()).isPositive();
        assertThat(served.hitRate()).isGreaterThan(popularity.hitRate() + 0.1);

        JsonNode written = Json.mapper().readTree(json.toFile());
        assertThat(written.get("eventsIn").asLong()).isEqualTo(summary.eventsIn());
        assertThat(written.get("processingGuarantee").asText()).isEqualTo("exactly_once_v2");
        assertThat(written.get("commitIntervalMs").asLong()).isEqualTo(100);
        assertThat(written.get("accuracy").get("served").get("hitRate").asDouble()).isEqualTo(served.hitRate());
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("== Summary", "in == out + dead",
                "exactly_once_v2, commit interval 100 ms");
    }
}
