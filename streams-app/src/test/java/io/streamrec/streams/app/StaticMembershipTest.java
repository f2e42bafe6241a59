package io.streamrec.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticMembershipTest {
    private static final String MAIN_CONSUMER_INSTANCE_ID = "main.consumer.group.instance.id";

    @Test
    void theSameStateDirectoryIsTheSameMemberAndAnotherIsAnother(@TempDir Path dir) {
        StreamsAppConfig first = StreamsAppConfig.defaults("b:9092").withStateDir(dir.resolve("a"));
        String id = memberId(first);
        assertThat(id).startsWith("streamrec-").hasSizeGreaterThan("streamrec-".length() + 30);
        assertThat(memberId(first)).as("a restart").isEqualTo(id);
        assertThat(memberId(first.withStateDir(dir.resolve("b")))).isNotEqualTo(id);
        assertThat(Files.exists(dir.resolve("a").resolve("streamrec.instance-id"))).isTrue();
    }

    @Test
    void anIdGivenOrNoneWinsAndSoDoesAnOperatorsKafkaProperty(@TempDir Path dir) {
        StreamsAppConfig config = StreamsAppConfig.defaults("b:9092").withStateDir(dir);
        assertThat(memberId(config.withInstanceId("pod-3"))).isEqualTo("streamrec-pod-3");
        assertThat(StreamsApp.streamsProperties(config.withInstanceId("none"), null))
                .doesNotContainKey(MAIN_CONSUMER_INSTANCE_ID);
        assertThat(StreamsApp.streamsProperties(config.withExtraStreams(Map.of("group.instance.id", "mine")), null))
                .doesNotContainKey(MAIN_CONSUMER_INSTANCE_ID).containsEntry("group.instance.id", "mine");
        assertThat(Files.exists(dir.resolve("streamrec.instance-id"))).as("nothing stored when not used").isFalse();
    }

    @Test
    void anIdThatKafkaWouldRefuseIsRefusedHereWithTheSettingsName() {
        assertThatThrownBy(() -> StreamsAppConfig.defaults("b:9092").withInstanceId("a b"))
                .hasMessageContaining("instanceId must be");
    }

    private static String memberId(StreamsAppConfig config) {
        Properties props = StreamsApp.streamsProperties(config, null);
        return props.getProperty(MAIN_CONSUMER_INSTANCE_ID);
    }
}
