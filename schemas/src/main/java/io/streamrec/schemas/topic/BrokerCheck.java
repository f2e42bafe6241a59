package io.streamrec.schemas.topic;

import io.streamrec.schemas.UserError;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * The check every command that needs Kafka makes before it starts work: one cluster description, bounded in time.
 * Without it a client waits for an absent broker for as long as its own timeouts allow (a minute for a producer,
 * for ever for Kafka Streams) and then ends in a stack trace; with it the person who mistyped {@code --bootstrap}
 * or forgot to start the broker learns so in {@link #WAIT} with one line.
 */
public final class BrokerCheck {
    /** How long the cluster has to answer. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HINT = "set --bootstrap";

    private BrokerCheck() {
    }

    /** Fails with a {@link UserError} unless the cluster at {@code bootstrap} answers within {@link #WAIT}. */
    public static void requireReachable(String bootstrap) {
        requireReachable(bootstrap, Map.of());
    }

    /**
     * As {@link #requireReachable(String)}, connecting as the command's own clients do: {@code clientProperties} are
     * the command's extra Kafka properties (security settings and the like); those an admin client does not know,
     * such as Kafka Streams' own, are left out.
     */
    public static void requireReachable(String bootstrap, Map<String, String> clientProperties) {
        Admin admin;
        try {
            admin = Admin.create(adminProperties(bootstrap, clientProperties));
        } catch (KafkaException e) {
            // an address without a port, or a host name that does not resolve
            throw new UserError("cannot use Kafka address '" + bootstrap + "': " + innermostMessage(e),
                    HINT + " to HOST:PORT[,HOST:PORT...]", e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) WAIT.toMillis()))
                    .clusterId().get(WAIT.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                throw new UserError("Kafka at " + bootstrap + " refused the connection: " + refused.getMessage(),
                        "check the security settings given with --kafka-property", refused);
            }
            throw unreachable(bootstrap, e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(bootstrap, e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static UserError unreachable(String bootstrap, Throwable cause) {
        return new UserError("cannot reach Kafka at " + bootstrap + " within " + WAIT.toSeconds()
                + " s: is the broker running?", HINT, cause);
    }

    static Properties adminProperties(String bootstrap, Map<String, String> clientProperties) {
        Properties props = new Properties();
        clientProperties.forEach((key, value) -> {
            String name = key.startsWith("admin.") ? key.substring("admin.".length()) : key;
            if (AdminClientConfig.configNames().contains(name)) {
                props.put(name, value);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // one attempt's worth of waiting, not the minute an admin client allows by default
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        return props;
    }

    private static String innermostMessage(Throwable e) {
        Throwable last = e;
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                last = t;
            }
        }
        return last.getMessage();
    }
}
