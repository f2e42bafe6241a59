package io.streamrec.torture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** {@code streamrec broker} in a JVM of its own, on one port and log directory for its whole life. */
public final class BrokerProcess implements BrokerControl {
    static final String HOST = "127.0.0.1";
    private static final Duration READY_WAIT = Duration.ofSeconds(90);
    private static final long STOP_SECONDS = 60;

    private final ChildProcesses children;
    private final Path logDir;
    private final Path log;
    private final int port;
    private final int partitions;
    private final String heap;
    private Process process;

    /**
     * @param port 0 for a free one, chosen now and kept across restarts
     */
    public BrokerProcess(ChildProcesses children, Path workDir, int port, int partitions, String heap) {
        this.children = children;
        this.logDir = workDir.resolve("broker-data");
        this.log = workDir.resolve("broker.log");
        this.port = port == 0 ? freePort() : port;
        this.partitions = partitions;
        this.heap = heap;
    }

    @Override
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running already (pid " + process.pid() + ")");
        }
        process = children.start(List.of("-Xmx" + heap), List.of("broker", "--port", Integer.toString(port),
                "--log-dir", logDir.toString(), "--partitions", Integer.toString(partitions),
                // Each scenario creates its own topics; these are the defaults' only.
                "--topic-prefix", "torture-"), log);
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        try (Admin admin = admin(bootstrapServers())) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited with code " + process.exitValue()
                            + " while starting; see " + log);
                }
                try {
                    if (!admin.describeCluster().nodes().get().isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    // not up yet
                }
                Sleep.millis(200);
            }
        }
        throw new IllegalStateException("the broker did not answer within " + READY_WAIT + "; see " + log);
    }

    @Override
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            ChildProcesses.stop(process, STOP_SECONDS);
        }
    }

    @Override
    public void close() {
        stop();
    }

    static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        return Admin.create(props);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
