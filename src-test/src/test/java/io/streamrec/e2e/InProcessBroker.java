package io.streamrec.e2e;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.torture.BrokerControl;
import java.nio.file.Path;

/** The embedded broker in this JVM as the torture scenarios' broker: stopped and started on one port and log. */
final class InProcessBroker implements BrokerControl {
    private final Path logDir;
    private int port;
    private EmbeddedKafkaBroker broker;

    InProcessBroker(Path logDir) {
        this.logDir = logDir;
    }

    @Override
    public synchronized String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        broker = EmbeddedKafkaBroker.start(port, logDir, false);
        port = broker.port();
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
