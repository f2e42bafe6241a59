package io.streamrec.streams.app;

import io.streamrec.schemas.settings.Durations;
import io.streamrec.schemas.settings.SettingException;
import io.streamrec.schemas.settings.SettingOptions;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.schemas.topic.BrokerCheck;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = ServeCommand.Options.class,
        description = "Run the streams app: answer every click event on the events topic with recommendations, "
                + "hot-swap models from the model topic, and serve the same answers over HTTP. Stops on SIGTERM/SIGINT.")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @CommandLine.Spec
    CommandSpec spec;

    @Option(names = {"-K", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "Any Kafka Streams, consumer or producer property, e.g. security.protocol=SSL or "
                    + "consumer.session.timeout.ms=10000; repeatable; applied last.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    /** Adds one option per {@link ServeSettings} setting: the flags are generated from the declarations. */
    public static final class Options implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec commandSpec) {
            return SettingOptions.addTo(commandSpec, ServeSettings.GROUP);
        }
    }

    /** The settings this command line (with the launcher's environment and config file) gives. */
    Settings settings() {
        return SettingOptions.values(spec, ServeSettings.GROUP);
    }

    /**
     * The app's configuration from the options, or the one-line usage error naming the options whose values do not
     * go together: a user's mistake on the command line, not a stack trace.
     */
    StreamsAppConfig config() {
        return config(settings());
    }

    private StreamsAppConfig config(Settings settings) {
        try {
            return StreamsAppConfig.from(settings, kafkaProperties);
        } catch (SettingException e) {
            // the keys of the settings that did not go together, as the flags the user typed
            String options = Arrays.stream(e.key().split("/"))
                    .map(k -> "--" + ServeSettings.GROUP.require(k).flag()).collect(Collectors.joining("/"));
            throw new ParameterException(spec.commandLine(), "invalid " + options + ": " + e.problem());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = settings();
        StreamsAppConfig config = config(settings);
        BrokerCheck.requireReachable(config.bootstrapServers(), kafkaProperties);
        Duration statsEvery = settings.get(ServeSettings.STATS_EVERY);
        StreamsApp app = StreamsApp.start(config);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicBoolean stopRequested = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            // Set first, so the loop below does not mistake the closing client's NOT_RUNNING for a failure.
            stopRequested.set(true);
            log.info("shutting down");
            app.close();
            closed.countDown();
        }, "streamrec-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        long nextStats = System.nanoTime() + statsEvery.toNanos();
        while (!closed.await(1, TimeUnit.SECONDS)) {
            KafkaStreams.State state = app.state();
            boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.NOT_RUNNING;
            if (failed && !stopRequested.get()) {
                // Nothing left to serve with: exit non-zero so that a supervisor restarts the instance.
                log.error("Kafka Streams is {}; stopping with exit code 1", state);
                app.close();
                removeHook(hook);
                return 1;
            }
            if (System.nanoTime() - nextStats >= 0) {
                log.info("{} [{}]", app.stats().oneLine(), state);
                nextStats += statsEvery.toNanos();
            }
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook's close is a no-op after ours.
        }
    }

    /** Accepts ISO-8601 (PT30M) and the short forms people type (30m, 90s, 1h, 2d, 250ms). */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (RuntimeException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (use e.g. 30m, 90s, 250ms, PT1H)");
            }
        }
    }
}
