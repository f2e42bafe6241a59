package io.streamrec.torture;

/**
 * The Kafka broker the scenarios run against, as something that can be stopped and brought back on the same address
 * and log: a separate process for the command, an in-process broker in tests.
 */
public interface BrokerControl extends AutoCloseable {
    String bootstrapServers();

    /** Starts the broker, or restarts it after {@link #stop()}, and returns once it answers clients. */
    void start();

    /** Stops the broker the way an operator does (SIGTERM: a controlled shutdown) and waits until it is gone. */
    void stop();

    @Override
    void close();
}
