package io.streamrec.streams.topology;

import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventSerde;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.topic.DeadLetterHeaders;
import io.streamrec.streams.accuracy.AnswerRole;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.session.ServedList;
import io.streamrec.streams.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One click in, exactly one record out: a recommendation, or the untouched event on the dead-letter topic with the
 * reason. Both go out through the same task, so under exactly-once they commit atomically with the state update and
 * the input offset.
 *
 * <p>An event that arrived under a key other than its session key (or none) is not answered here: it is re-sent under
 * its session key to the rekeyed-events topic, which this processor also reads, so that a session's events meet in
 * the one partition and store that own it. It is counted as an event in only when it comes back.
 *
 * <p>Each session is answered by the model line its key routes to. Before answering, the click is scored against
 * the list the session got for its previous event (online HR/MRR per model version), and so is the shadow's list
 * when a shadow line is configured; the shadow then scores this event too, and its list is kept in the session's
 * state for the next click, never sent.
 */
final class ClickEventProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final Logger log = LoggerFactory.getLogger(ClickEventProcessor.class);

    private final TopologySettings settings;
    private final ModelLines lines;
    private final SessionRecommender recommender;
    private final PopularityRanking popularity;
    private final ServingStats stats;
    private final ClickEventSerde events = new ClickEventSerde();
    private final RecommendationSerde recommendations = new RecommendationSerde();
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, SessionState> sessions;

    ClickEventProcessor(TopologySettings settings, ModelLines lines, SessionRecommender recommender,
                        PopularityRanking popularity, ServingStats stats) {
        this.settings = settings;
        this.lines = lines;
        this.recommender = recommender;
        this.popularity = popularity;
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.sessions = context.getStateStore(TopologySettings.STATE_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long started = System.nanoTime();
        ClickEvent event;
        try {
            event = events.fromBytes(record.value());
        } catch (RuntimeException e) {
            // Only the producer's bytes are involved here, so any failure is the record's fault, not the app's.
            deadLetter(record, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        if (event == null) {
            deadLetter(record, record.value() == null ? "no value (tombstone)" : "value is JSON null");
            return;
        }
        Optional<String> invalid = event.validationError();
        if (invalid.isPresent()) {
            deadLetter(record, invalid.get());
            return;
        }
        String key = event.sessionKey();
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(keyBytes, record.key())) {
            stats.eventRekeyed();
            context.forward(record.withKey(keyBytes), RecommendationTopology.REKEY_SINK);
            return;
        }
        stats.eventIn();

        long eventTime = event.timestamp() != null ? event.timestamp() : record.timestamp();
        SessionState previous = storedState(key);
        SessionState state = previous == null
                ? SessionState.start(event.itemId(), eventTime, event.userId())
                : previous.after(event.itemId(), eventTime, event.userId(), settings.sequenceLength(),
                        settings.sessionGap().toMillis());
        popularity.record(event.itemId());

        String line = lines.lineFor(key);
        if (state.lastAnswer() != null) {
            stats.clickScored(AnswerRole.MAIN, state.lastAnswer(), event.itemId());
        }
        SessionRecommender.EventAnswer outcome = recommender.answerEvent(line, key, state, state.modelState(),
                event.itemId(), eventTime);
        SessionRecommender.Answer answer = outcome.answer();
        SessionState next = state.answered(outcome.modelState(), ServedList.of(answer.recommendation()));
        // Without a shadow line, nothing of an earlier configuration's shadow stays in the store.
        next = lines.shadowLine().isPresent()
                ? shadow(lines.shadowLine().get(), key, state, next, event.itemId(), eventTime)
                : next.shadowed(null, null);
        sessions.put(key, next);
        // The output carries the input's timestamp, not the wall clock: downstream time semantics (and replays)
        // then match the events', and servedAt in the value records when it was computed.
        context.forward(new Record<>(keyBytes, recommendations.toBytes(answer.recommendation()), record.timestamp()),
                RecommendationTopology.RECOMMENDATIONS_SINK);
        stats.recommended(line, answer.source());
        stats.processed((System.nanoTime() - started) / 1000);
    }

    /**
     * The shadow's turn on this event: score the click against its previous list, then let it answer (never sent)
     * and keep its list and model state. A shadow line without a model yet is skipped: there is nothing to compare.
     */
    private SessionState shadow(String shadowLine, String key, SessionState state, SessionState next, String itemId,
                                long eventTime) {
        if (state.lastShadowAnswer() != null) {
            stats.clickScored(AnswerRole.SHADOW, state.lastShadowAnswer(), itemId);
        }
        if (!recommender.hasModel(shadowLine)) {
            return next.shadowed(null, null);
        }
        SessionRecommender.EventAnswer shadow = recommender.answerEvent(shadowLine, key, state, state.shadowState(),
                itemId, eventTime);
        stats.shadowScored();
        return next.shadowed(shadow.modelState(), ServedList.of(shadow.answer().recommendation()));
    }

    /**
     * The session's stored state, or null. State this build cannot read (written by a newer format, or damaged) is
     * replaced by a new session rather than failing the stream thread on every event of that session.
     */
    private SessionState storedState(String key) {
        try {
            return sessions.get(key);
        } catch (SerializationException e) {
            stats.unreadableState();
            log.warn("unreadable state for session {} ({}); starting it afresh", key, e.getMessage());
            return null;
        }
    }

    /** Counts the record as an event in and sends it to the dead-letter topic with {@code reason}. */
    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        stats.eventIn();
        // The producer's own headers stay, so that tracing ids survive a replay; ours are added after them.
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetterHeaders.REASON, utf8(reason));
        Optional<RecordMetadata> source = context.recordMetadata();
        source.ifPresent(m -> {
            headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(m.topic()));
            headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(m.partition())));
            headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(m.offset())));
        });
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers),
                RecommendationTopology.DEAD_LETTER_SINK);
        stats.deadLettered();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
