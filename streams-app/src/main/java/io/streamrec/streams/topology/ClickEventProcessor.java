package io.streamrec.streams.topology;

import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventParser;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.streams.accuracy.AnswerRole;
import io.streamrec.streams.deadletter.DeadLetter;
import io.streamrec.streams.deadletter.DeadLetterCause;
import io.streamrec.streams.deadletter.RecordSize;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.BatchCause;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.session.ServedList;
import io.streamrec.streams.session.SessionState;
import io.streamrec.streams.session.SessionStateSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One click in, exactly one record out: a recommendation, or the untouched event on the dead-letter topic with the
 * reason. Both go out through the same task, so under exactly-once they commit atomically with the state update and
 * the input offset.
 *
 * <p>Nothing an event holds can stop the stream: an event over the size limit is dead-lettered unparsed, one that is
 * not strictly one UTF-8 JSON event with ids within the id limit is dead-lettered with the parser's reason (see
 * {@link EventLimits} and {@link ClickEventParser}), and an answer or state that would still be too large to write
 * (long item ids from a model) dead-letters its event instead of being written. A dead letter too large to write
 * whole goes out in short form ({@link DeadLetter}).
 *
 * <p>An event that arrived under a key other than its session key (or none) is not answered here: it is re-sent under
 * its session key to the rekeyed-events topic, which this processor also reads, so that a session's events meet in
 * the one partition and store that own it. It is counted as an event in only when it comes back.
 *
 * <p>Each session is answered by the model line its key routes to. Before answering, the click is scored against
 * the list the session got for its previous event (online HR/MRR per model version), and so is the shadow's list
 * when a shadow line is configured; the shadow then scores this event too, and its list is kept in the session's
 * state for the next click, never sent.
 *
 * <p>Valid events are answered in batches (see {@link ScoringBatch}): many sessions' events share one model call.
 * A batch never outlives a commit: the task's {@link CommitBarrier} answers it before every commit, so each event's
 * answer, state update and input offset still commit together.
 */
final class ClickEventProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final Logger log = LoggerFactory.getLogger(ClickEventProcessor.class);
    /** How often the punctuator looks for a batch whose oldest event has waited long enough. */
    private static final Duration TICK = Duration.ofMillis(1);
    /** How far the batch wait may grow under load, as a multiple of the configured wait. */
    private static final long MAX_WAIT_GROWTH = 20;
    /** Answers and states go out without headers. */
    private static final List<Header> NO_HEADERS = List.of();

    private final TopologySettings settings;
    private final ModelLines lines;
    private final SessionRecommender recommender;
    private final PopularityRanking popularity;
    private final ServingStats stats;
    private final EventLimits limits;
    private final ClickEventParser parser;
    private final RecommendationSerde recommendations = new RecommendationSerde();
    private final PendingEvents pending = new PendingEvents();
    private final long maxWaitNanos;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, SessionState> sessions;
    private DeferredForwarding forwarding;
    private long lastWorkedNanos;
    private long lastScoringNanos;
    private boolean timedFlush;
    private Cancellable timer;

    ClickEventProcessor(TopologySettings settings, ModelLines lines, SessionRecommender recommender,
                        PopularityRanking popularity, ServingStats stats) {
        this.settings = settings;
        this.lines = lines;
        this.recommender = recommender;
        this.popularity = popularity;
        this.stats = stats;
        this.limits = settings.events();
        this.parser = limits.parser();
        this.maxWaitNanos = settings.batch().maxWait().toNanos();
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.sessions = context.getStateStore(TopologySettings.STATE_STORE);
        this.forwarding = new DeferredForwarding(context);
        pending.clear();
        CommitBarrier barrier = context.getStateStore(TopologySettings.COMMIT_BARRIER);
        barrier.onCommit(() -> answerPending(BatchCause.COMMIT), pending::clear);
        // Under exactly-once an answer becomes visible only when its transaction commits, and every commit answers
        // the batch first: answering earlier than a full batch or the commit helps no reader, and a timer's every
        // firing halves how many records the stream thread processes before it looks up again. Under at-least-once
        // an answer is visible as soon as it is sent, so the batch wait applies, and a timer bounds how long a batch
        // waits when no further event arrives to close it.
        this.timedFlush = settings.batch().enabled() && !StreamsConfig.EXACTLY_ONCE_V2.equals(
                String.valueOf(context.appConfigs().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)));
    }

    /** Starts the timer that answers a batch whose oldest event has waited long enough, once there is a model. */
    private void startTimer() {
        timer = context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (pending.oldestWaited(waitNanos(), System.nanoTime())) {
                answerPending(BatchCause.WAITED);
            }
        });
    }

    @Override
    public void close() {
        // Only a dirty close can leave events here (a clean one commits first): they were not committed and will be
        // processed again, so answering them now would answer them twice.
        pending.clear();
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long started = System.nanoTime();
        Optional<String> refused = sizeError(record);
        if (refused.isPresent()) {
            deadLetter(record, DeadLetterCause.TOO_LARGE, refused.get());
            return;
        }
        ClickEvent event;
        try {
            event = parser.parse(record.value());
        } catch (RuntimeException e) {
            // Only the producer's bytes are involved here, so any failure is the record's fault, not the app's.
            deadLetter(record, DeadLetterCause.UNPARSEABLE,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        Optional<String> invalid = event.validationError();
        if (invalid.isPresent()) {
            deadLetter(record, DeadLetterCause.INVALID, invalid.get());
            return;
        }
        String key = event.sessionKey();
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(keyBytes, record.key())) {
            // Within the event limit, and re-keyed under a key within the id limit: within the record limit too.
            stats.eventRekeyed();
            context.forward(record.withKey(keyBytes), RecommendationTopology.REKEY_SINK);
            return;
        }
        stats.eventIn();
        if (pending.holds(key)) {
            // This event continues from the state the pending one leaves: answer (and store) that one first.
            answerPending(BatchCause.SESSION_REPEAT);
        }

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
        Optional<String> shadowLine = lines.shadowLine();
        if (shadowLine.isPresent() && state.lastShadowAnswer() != null) {
            stats.clickScored(AnswerRole.SHADOW, state.lastShadowAnswer(), event.itemId());
        }
        PendingEvents.Pending waiting = new PendingEvents.Pending(key, record, state, line, event.itemId(), eventTime,
                forwarding.capture(), started);
        // Quiet: this processor has had nothing to do for a while. Measured from the end of its last work (an event
        // taken in, or a batch answered from the punctuator or before a commit), so that scoring a batch does not
        // pass for a quiet spell and send the events queued behind it one by one.
        boolean quiet = started - lastWorkedNanos > maxWaitNanos;
        boolean modelToBatch = recommender.hasModel(line) || shadowLine.map(recommender::hasModel).orElse(false);
        if (!settings.batch().enabled() || !modelToBatch || (quiet && pending.isEmpty())) {
            // Nothing to gain from company: popularity alone is cheap, and after a quiet spell none is coming.
            answer(List.of(waiting), BatchCause.ALONE);
        } else {
            if (timedFlush && pending.oldestWaited(waitNanos(), started)) {
                answerPending(BatchCause.WAITED);
            }
            pending.add(waiting);
            if (pending.size() >= settings.batch().maxSize()) {
                answerPending(BatchCause.FULL);
            } else if (timedFlush && timer == null) {
                startTimer();
            }
        }
        lastWorkedNanos = System.nanoTime();
    }

    /**
     * How long the oldest pending event may wait: the configured wait, or, while scoring a batch takes longer than
     * that, as long as the last batch took (at most {@link #MAX_WAIT_GROWTH} times the configured wait). Under a
     * backlog the stream thread then spends about as long taking events in as scoring them, so batches grow until
     * each event's share of the model call is small; when load falls, batches shrink and so does the wait.
     */
    private long waitNanos() {
        return Math.max(maxWaitNanos, Math.min(lastScoringNanos, MAX_WAIT_GROWTH * maxWaitNanos));
    }

    /** Answers every pending event (a no-op when there is none). */
    private void answerPending(BatchCause cause) {
        if (!pending.isEmpty()) {
            answer(pending.drain(), cause);
        }
    }

    /**
     * Scores a batch of events of different sessions (main line, then shadow) and, event by event in arrival order,
     * stores each session's new state and forwards its answer under its own input record's context.
     */
    private void answer(List<PendingEvents.Pending> batch, BatchCause cause) {
        List<SessionRecommender.EventRequest> requests = new ArrayList<>(batch.size());
        for (PendingEvents.Pending p : batch) {
            requests.add(new SessionRecommender.EventRequest(p.line(), p.key(), p.state(), p.state().modelState(),
                    p.itemId(), p.eventTime()));
        }
        long scoring = System.nanoTime();
        List<SessionRecommender.Answer> answers = recommender.answerEvents(requests);
        List<SessionRecommender.Answer> shadows = shadowAnswers(batch);
        lastScoringNanos = System.nanoTime() - scoring;
        stats.batchAnswered(batch.size(), cause);
        for (int i = 0; i < batch.size(); i++) {
            PendingEvents.Pending p = batch.get(i);
            SessionRecommender.Answer answer = answers.get(i);
            SessionState next = p.state().answered(answer.modelState(), answer.answeredFrom(),
                    ServedList.of(answer.recommendation()));
            // Without a shadow answer, nothing of an earlier configuration's shadow stays in the store.
            SessionRecommender.Answer shadow = shadows == null ? null : shadows.get(i);
            next = shadow == null ? next.shadowed(null, null)
                    : next.shadowed(shadow.modelState(), ServedList.of(shadow.recommendation()));
            SessionState stored = next;
            byte[] value = recommendations.toBytes(answer.recommendation());
            Optional<String> tooLarge = outputError(p.input().key(), value, stored);
            forwarding.as(p.recordContext(), () -> {
                if (tooLarge.isPresent()) {
                    // Neither the answer nor the state is written: the event's one outcome is its dead letter.
                    sendDeadLetter(p.input(), DeadLetterCause.OUTPUT_TOO_LARGE, tooLarge.get());
                    return;
                }
                sessions.put(p.key(), stored);
                // The output carries the input's timestamp, not the wall clock: downstream time semantics (and
                // replays) then match the events', and servedAt in the value records when it was computed.
                context.forward(new Record<>(p.input().key(), value, p.input().timestamp()),
                        RecommendationTopology.RECOMMENDATIONS_SINK);
            });
            if (tooLarge.isEmpty()) {
                stats.recommended(p.line(), answer.source(), answer.recommendation().modelName(),
                        answer.recommendation().modelVersion());
            }
            stats.processed(System.nanoTime() - p.arrivedNanos());
        }
        lastWorkedNanos = System.nanoTime();
    }

    /**
     * The shadow line's answers to a batch (never sent; its list and model state are kept for the next click), or
     * null when there is no shadow line or it has no model yet: then there is nothing to compare.
     */
    private List<SessionRecommender.Answer> shadowAnswers(List<PendingEvents.Pending> batch) {
        Optional<String> shadowLine = lines.shadowLine();
        if (shadowLine.isEmpty() || !recommender.hasModel(shadowLine.get())) {
            return null;
        }
        List<SessionRecommender.EventRequest> requests = new ArrayList<>(batch.size());
        for (PendingEvents.Pending p : batch) {
            requests.add(new SessionRecommender.EventRequest(shadowLine.get(), p.key(), p.state(),
                    p.state().shadowState(), p.itemId(), p.eventTime()));
        }
        List<SessionRecommender.Answer> answers = recommender.answerEvents(requests);
        for (int i = 0; i < answers.size(); i++) {
            stats.shadowScored();
        }
        return answers;
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

    /**
     * Why the record is too large to be taken in, or empty. Counted whole (key, value and headers) because a re-keyed
     * event and a dead letter carry all three.
     */
    private Optional<String> sizeError(Record<byte[], byte[]> record) {
        long keyBytes = record.key() == null ? 0 : record.key().length;
        long valueBytes = record.value() == null ? 0 : record.value().length;
        long headerBytes = RecordSize.headerBytes(record.headers());
        long total = keyBytes + valueBytes + headerBytes;
        if (total <= limits.maxEventBytes()) {
            return Optional.empty();
        }
        return Optional.of(String.format("event is %d bytes (key %d, value %d, headers %d), the limit is %d", total,
                keyBytes, valueBytes, headerBytes, limits.maxEventBytes()));
    }

    /**
     * Why an event's answer or new state cannot be written, or empty. Events within the limits always fit (see
     * {@link EventLimits#checkFits}); what a model adds (its item ids, its state) is measured here.
     */
    private Optional<String> outputError(byte[] key, byte[] answer, SessionState state) {
        long answerBytes = RecordSize.upperBound(key, answer, NO_HEADERS);
        if (answerBytes > limits.maxWriteBytes()) {
            return Optional.of("its recommendation would be " + answerBytes + " bytes, the limit is "
                    + limits.maxWriteBytes());
        }
        long stateBytes = RecordSize.upperBound(key, null, NO_HEADERS) + SessionStateSerde.serializedSize(state);
        if (stateBytes > limits.maxWriteBytes()) {
            return Optional.of("its session state would be " + stateBytes + " bytes, the limit is "
                    + limits.maxWriteBytes());
        }
        return Optional.empty();
    }

    /** Counts the record as an event in and sends it to the dead-letter topic with {@code reason}. */
    private void deadLetter(Record<byte[], byte[]> record, DeadLetterCause cause, String reason) {
        stats.eventIn();
        sendDeadLetter(record, cause, reason);
    }

    /**
     * Sends the record to the dead-letter topic with {@code reason} and the source coordinates of the record being
     * processed: whole when that fits the record limit, in short form otherwise.
     */
    private void sendDeadLetter(Record<byte[], byte[]> record, DeadLetterCause cause, String reason) {
        DeadLetter.Source source = context.recordMetadata()
                .map(m -> new DeadLetter.Source(m.topic(), m.partition(), m.offset())).orElse(null);
        DeadLetter letter = DeadLetter.of(record.key(), record.value(), record.headers(), reason, source,
                limits.maxWriteBytes());
        context.forward(new Record<>(letter.key(), letter.value(), record.timestamp(), letter.headers()),
                RecommendationTopology.DEAD_LETTER_SINK);
        stats.deadLettered(cause);
    }
}
