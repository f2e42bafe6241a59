package io.streamrec.torture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one scenario runs {@code streamrec serve}.
 *
 * @param kafkaProperties passed as {@code --kafka-property}, e.g. consumer session settings
 * @param extraArgs       further serve arguments as they are, e.g. a model public key once bundles are signed
 */
public record AppSpec(String applicationId, String topicPrefix, Path stateDir, int httpPort, int topK,
                      String heap, Map<String, String> kafkaProperties, List<String> extraArgs, Path log) {

    public AppSpec {
        kafkaProperties = Map.copyOf(kafkaProperties);
        extraArgs = List.copyOf(extraArgs);
    }

    List<String> serveArgs(String bootstrap) {
        List<String> args = new ArrayList<>(List.of("serve", "--bootstrap", bootstrap,
                "--application-id", applicationId, "--topic-prefix", topicPrefix,
                "--state-dir", stateDir.toString(), "--http-port", Integer.toString(httpPort),
                "--top-k", Integer.toString(topK), "--stats-every", "10s"));
        kafkaProperties.forEach((k, v) -> {
            args.add("--kafka-property");
            args.add(k + "=" + v);
        });
        args.addAll(extraArgs);
        return args;
    }
}
