package io.streamrec.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), running inside this
 * JVM, bound to 127.0.0.1 only.
 *
 * <p>Sized for one machine: every internal topic has replication 1 and few partitions, so that transactions
 * (exactly-once) and consumer groups work at once without the 50-partition offsets topic's start-up cost.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    /**
     * How long a partition leader keeps retrying to add a partition to a producer's next transaction while the
     * coordinator is still writing the previous transaction's commit markers (transactions v2 adds partitions on the
     * produce path). Kafka's default, 100 ms, is shorter than the first marker write after start-up takes here
     * (about 300 ms: the coordinator opens its marker channel then, on two busy cores). Past the window the leader
     * refuses the transaction's first batch (sequence 0) with CONCURRENT_TRANSACTIONS, and the batches already in
     * flight behind it (sequence 1 and up) reach the log without it: the broker logs them as
     * OutOfOrderSequenceException at ERROR and the producer retries all of them. Waiting out the commit instead costs
     * the same time and leaves the sequence intact. Below the producers' request timeout (30 s), where it would stop
     * taking effect.
     */
    static final String ADD_PARTITIONS_RETRY_MAX_MS = "add.partitions.to.txn.retry.backoff.max.ms";
    static final Duration ADD_PARTITIONS_RETRY_MAX = Duration.ofSeconds(5);

    private final KafkaRaftServer server;
    private final Path logDir;
    private final boolean deleteOnClose;
    private final int port;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDir, boolean deleteOnClose, int port) {
        this.server = server;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
    }

    /** Starts a broker on a free port with a temporary log directory that is deleted on close. */
    public static EmbeddedKafkaBroker start() {
        try {
            return start(0, Files.createTempDirectory("streamrec-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker.
     *
     * @param port          client port, 0 for a free one
     * @param logDir        where the log lives; formatted on first use, reused afterwards
     * @param deleteOnClose whether {@link #close()} removes {@code logDir}
     */
    public static EmbeddedKafkaBroker start(int port, Path logDir, boolean deleteOnClose) {
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        // Model bundles carry whole ONNX graphs; the topic raises its own limit, the broker must allow it too.
        props.put("message.max.bytes", Integer.toString(80 * 1024 * 1024));
        props.put("replica.fetch.max.bytes", Integer.toString(80 * 1024 * 1024));
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        props.put(ADD_PARTITIONS_RETRY_MAX_MS, Long.toString(ADD_PARTITIONS_RETRY_MAX.toMillis()));
        try {
            Files.createDirectories(logDir);
            KafkaConfig config = new KafkaConfig(props, false);
            formatIfNeeded(logDir, controllerPort);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            long started = System.nanoTime();
            server.startup();
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, logDir, deleteOnClose, clientPort);
            broker.awaitReady(Duration.ofSeconds(60));
            log.info("Kafka broker (KRaft) ready on {} in {} ms, log dir {}", broker.bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000, logDir);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void formatIfNeeded(Path logDir, int controllerPort) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("formatting the KRaft log directory " + logDir + " failed", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get().isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("broker did not become ready within " + timeout, last);
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        return Admin.create(props);
    }

    /** Creates the topics that do not exist yet and waits until they do. */
    public void createTopics(List<NewTopic> topics) {
        try (Admin admin = admin()) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating topic " + topic.name() + " failed", e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Blocks until the broker stops (for the standalone {@code broker} command). */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(logDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
