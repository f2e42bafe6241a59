package io.streamrec.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.schemas.UserError;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerCheckTest {

    @Test
    void anAddressWithoutAPortIsRefusedAtOnceWithWhatToDo() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> BrokerCheck.requireReachable("localhost"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("cannot use Kafka address 'localhost': ")
                .satisfies(e -> assertThat(((UserError) e).hint()).isEqualTo("set --bootstrap to HOST:PORT[,HOST:PORT...]"));
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(5);
    }

    @Test
    void connectsWithTheCommandsSecuritySettingsAndLeavesOutWhatAnAdminClientDoesNotTake() {
        Properties props = BrokerCheck.adminProperties("kafka:9093", Map.of(
                "security.protocol", "SSL",
                "admin.ssl.truststore.location", "/etc/kafka/truststore.jks",
                "consumer.session.timeout.ms", "6000",
                "processing.guarantee", "at_least_once"));

        assertThat(props).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                .doesNotContainKeys("consumer.session.timeout.ms", "session.timeout.ms", "processing.guarantee");
    }
}
