package io.streamrec.torture;

import io.streamrec.schemas.topic.TopicCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * One scenario's setting: topics of its own (so that no other scenario's outcomes mix in), the supervised app on
 * them, a sender with its ledger, a collector of outcomes, and a writer for the model topic. Closing it stops all of
 * them.
 */
public final class ScenarioRig implements AutoCloseable {
    /** The model line the app serves by default, and so the key of the bundles published here. */
    public static final String LINE = "gru4rec";

    private final ScenarioContext context;
    private final Progress progress;
    private final TopicCatalogue topics;
    private final Catalogue catalogue;
    private final EventSender sender;
    private final OutcomeCollector collector;
    private final ModelTopicWriter models;
    private final AppSupervisor app;
    private final AppStats stats;
    private final EventFactory events;
    private final Path appLog;

    private ScenarioRig(ScenarioContext context, String name, Progress progress) {
        this.context = context;
        this.progress = progress;
        TortureSettings settings = context.settings();
        String prefix = "torture-" + name + "-";
        this.topics = TopicCatalogue.withPrefix(prefix);
        this.appLog = settings.workDir().resolve("app-" + name + ".log");
        this.catalogue = Catalogue.items(settings.items());
        String bootstrap = context.broker().bootstrapServers();
        createTopics(bootstrap, topics.newTopics(settings.partitions(), (short) 1));
        int httpPort = BrokerProcess.freePort();
        Path dir = settings.workDir().resolve(name);
        List<String> serveArgs = new ArrayList<>(context.publisher().serveArgs());
        serveArgs.addAll(settings.serveArgs());
        AppSpec spec = new AppSpec("torture-" + name, prefix, dir.resolve("state"), httpPort, settings.topK(),
                settings.appHeap(), settings.appProperties(), serveArgs, appLog);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            this.sender = track(opened, new EventSender(bootstrap, topics.events()));
            this.models = track(opened, new ModelTopicWriter(bootstrap, topics));
            this.collector = track(opened, new OutcomeCollector(bootstrap, topics)).start();
            this.app = new AppSupervisor(context.children(), spec, context.broker()::bootstrapServers,
                    settings.maxAppRestarts(), progress);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        this.stats = new AppStats(httpPort);
        this.events = new EventFactory(context.clock());
    }

    public static ScenarioRig open(ScenarioContext context, String name) {
        return new ScenarioRig(context, name, context.progress().forScenario(name));
    }

    /** Publishes a good model of {@code version} through the trusted publisher. */
    public void publishGoodModel(long version, Catalogue over, long seed) {
        byte[] bytes = context.publisher().publishable(TortureModels.lastItemModel(LINE, version, over,
                context.settings().topK(), seed));
        models.write(LINE, bytes);
    }

    /** Starts the app; returns its start time (nanoTime). */
    public long startApp() {
        long started = app.start();
        progress.line("app started (log " + appLog + ")");
        return started;
    }

    /** Publishes good v1, starts the app and waits until v1 serves (a failure to is reported, not thrown). */
    public boolean startAppWithModel(Duration timeout) {
        publishGoodModel(1, catalogue, context.settings().seed());
        startApp();
        boolean serving = awaitServingVersion(1, timeout);
        progress.line(serving ? "model v1 serving" : "model v1 not serving after " + timeout.toSeconds() + " s");
        return serving;
    }

    /** Waits until /stats says {@code version} serves. */
    public boolean awaitServingVersion(long version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stats.fetch().map(s -> AppStats.number(s, "servingModelVersion") == version).orElse(false)) {
                return true;
            }
            Sleep.millis(200);
        }
        return false;
    }

    /** How long to wait for the outcomes of {@code events} more events. */
    public Duration awaitWindow(long events) {
        return context.settings().outcomeWaitFor(events);
    }

    /** Flushes the sender and waits for an outcome of every acknowledged event. */
    public boolean awaitAllOutcomes() {
        sender.flush();
        long expected = sender.acknowledgedCount();
        return collector.awaitOutcomes(expected, context.settings().outcomeWaitFor(expected), app::gaveUp, progress);
    }

    /** Waits for an outcome of every acknowledged event, then pairs inputs with outcomes ({@link #tally}) and says so. */
    public OutcomeTally settle() {
        awaitAllOutcomes();
        OutcomeTally tally = tally();
        progress.line(tally.summary());
        return tally;
    }

    /** Valid clicks at {@code rate} per second on sessions {@code <prefix>0..sessions-1}, started. */
    public SteadyLoad steadyLoad(String prefix, int sessions, double rate, double wrongKeyShare, Random random) {
        return new SteadyLoad(sender, events, catalogue, prefix, sessions, rate, wrongKeyShare, random).start();
    }

    /** A prober on fresh sessions of its own, started, with the collector passing it the answers. */
    public Prober prober() {
        return new Prober(sender, events, "probe-", catalogue.item(0)).start(collector);
    }

    /**
     * Pairs the events on the topic with the outcomes read so far: the acknowledged ones, and any copy the producer
     * wrote without an acknowledgement of its own ({@link InputAudit}), which the app must answer too.
     */
    public OutcomeTally tally() {
        sender.flush();
        List<SentRecord> inputs = new ArrayList<>(sender.acknowledged());
        List<SentRecord> copies = InputAudit.unacknowledged(context.broker().bootstrapServers(), topics.events(),
                inputs);
        if (!copies.isEmpty()) {
            progress.line(copies.size() + " event(s) on the topic written twice by the producer; counted as inputs");
        }
        inputs.addAll(copies);
        return new OutcomeMatcher(topics.events()).match(inputs, collector.answers(), collector.deadLetters());
    }

    /** The rows every scenario reports: exactly one outcome per input, and the app's unplanned exits. */
    public List<Measure> outcomeRows(String scenario, OutcomeTally tally) {
        List<Measure> rows = new ArrayList<>();
        rows.add(Measure.info(scenario, "in / recommendations / dead letters", String.format("%,d / %,d / %,d",
                tally.in(), tally.recommendations(), tally.deadLetters())));
        rows.add(Measure.checked(scenario, "lost", String.format("%,d", tally.lost()), "0", tally.lost() == 0));
        rows.add(Measure.checked(scenario, "duplicated", String.format("%,d", tally.duplicated()), "0",
                tally.duplicated() == 0));
        if (tally.unexpected() > 0) {
            rows.add(Measure.checked(scenario, "outcomes naming no input", String.format("%,d", tally.unexpected()),
                    "0", false));
        }
        rows.add(Measure.checked(scenario, "in = out + dead letters", tally.exactlyOnce() ? "yes" : "no", "yes",
                tally.exactlyOnce()));
        rows.add(deathRow(scenario));
        return rows;
    }

    public Measure deathRow(String scenario) {
        List<String> deaths = app.deaths();
        return Measure.checked(scenario, "unplanned app exits", deaths.isEmpty() ? "0"
                : deaths.size() + (app.gaveUp() ? " (gave up restarting)" : "") + ": " + deaths.get(0), "0",
                deaths.isEmpty());
    }

    /** The figures every scenario puts in the JSON report. */
    public Map<String, Object> outcomeFigures(OutcomeTally tally) {
        return Map.of("in", tally.in(), "recommendations", tally.recommendations(),
                "deadLetters", tally.deadLetters(), "lost", tally.lost(), "duplicated", tally.duplicated(),
                "unexpected", tally.unexpected(), "exactlyOnce", tally.exactlyOnce(),
                "refusedByBroker", sender.refused(), "appExits", app.deaths());
    }

    public TopicCatalogue topics() {
        return topics;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public EventSender sender() {
        return sender;
    }

    public EventFactory events() {
        return events;
    }

    public OutcomeCollector collector() {
        return collector;
    }

    public ModelTopicWriter models() {
        return models;
    }

    public AppSupervisor app() {
        return app;
    }

    public AppStats stats() {
        return stats;
    }

    public Progress progress() {
        return progress;
    }

    public Path appLog() {
        return appLog;
    }

    static void createTopics(String bootstrap, List<NewTopic> topics) {
        try (Admin admin = BrokerProcess.admin(bootstrap)) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating " + topic.name() + " failed", e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing what was opened before the failure; the failure itself is what gets reported
            }
        }
    }

    /** Stops the app first (so nothing is answered into closed clients), then the clients. */
    @Override
    public void close() {
        app.close();
        closeAll(List.of(sender, models, collector));
    }
}
