package io.streamrec.e2e;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.model.TestKeys;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsAppConfig;
import io.streamrec.trainer.publish.BundlePublisher;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the end-to-end tests open with, written once: a test's own set of topics on the broker, signed bundles on its
 * model topic, and the app's configuration as deployed (a trusted signing key), under the test's application id.
 */
final class E2e {
    /** How long a test waits for the app to start, take a model or answer: generous, for a loaded build machine. */
    static final Duration WAIT = Duration.ofSeconds(90);

    private E2e() {
    }

    /** Topics named {@code NAME-events}, {@code NAME-recommendations}, ..., created with {@code partitions}. */
    static TopicCatalogue topics(EmbeddedKafkaBroker broker, String name, int partitions) {
        TopicCatalogue topics = TopicCatalogue.withPrefix(name + "-");
        broker.createTopics(topics.newTopics(partitions, (short) 1));
        return topics;
    }

    /** {@code bundles} published in order, signed with the test key the app trusts. */
    static void publish(EmbeddedKafkaBroker broker, TopicCatalogue topics, ModelBundle... bundles) {
        try (BundlePublisher publisher = new BundlePublisher(broker.bootstrapServers(), topics, TestKeys.signer())) {
            for (ModelBundle bundle : bundles) {
                publisher.publish(bundle);
            }
        }
    }

    /** The defaults, application id {@code e2e-NAME}, these topics and state directory, trusting the test key. */
    static StreamsAppConfig config(EmbeddedKafkaBroker broker, String name, TopicCatalogue topics, Path stateDir) {
        return StreamsAppConfig.defaults(broker.bootstrapServers()).withModelTrust(TestKeys.trust())
                .withApplicationId("e2e-" + name).withTopics(topics).withStateDir(stateDir);
    }
}
