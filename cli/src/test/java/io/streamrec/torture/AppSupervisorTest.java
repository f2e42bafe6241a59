package io.streamrec.torture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSupervisorTest {

    @Test
    void theExitReasonIsTheFirstExceptionOfTheLatestRun(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, """

                === 2026-01-01T00:00:00Z starting: streamrec serve
                java.lang.IllegalStateException: from an earlier run
                === 2026-01-01T00:01:00Z starting: streamrec serve
                12:00:00.000 INFO  started
                12:00:01.000 ERROR o.a.k.s.p.i.RecordCollectorImpl - Error encountered sending record due to:
                org.apache.kafka.common.errors.RecordTooLargeException: The message is 1398784 bytes
                \tat somewhere
                12:00:01.100 ERROR i.s.s.app.ServeCommand - Kafka Streams is PENDING_ERROR; stopping with exit code 1
                """);

        assertThat(AppSupervisor.exitReason(log))
                .isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException: The message is 1398784 bytes");
    }

    @Test
    void withoutAnExceptionTheLastErrorLineIsTheReason(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "\n=== start\n12:00 ERROR first\n12:01 ERROR last\n");

        assertThat(AppSupervisor.exitReason(log)).isEqualTo("12:01 ERROR last");
    }
}
