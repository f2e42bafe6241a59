package io.streamrec.streams.topology;

import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventSerde;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.topic.DeadLetterHeaders;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One click in, exactly one record out: a recommendation, or the untouched event on the dead-letter topic with the
 * reason. The event is read as bytes and parsed here, so a malformed record is a dead letter, never a poison pill
 * that stops the stream thread.
 */
final class ClickEventProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private final TopologySettings settings;
    private final SessionRecommender recommender;
    private final PopularityRanking popularity;
    private final ServingStats stats;
    private final ClickEventSerde events = new ClickEventSerde();
    private final RecommendationSerde recommendations = new RecommendationSerde();
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, SessionState> sessions;

    ClickEventProcessor(TopologySettings settings, SessionRecommender recommender, PopularityRanking popularity,
                        ServingStats stats) {
        this.settings = settings;
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
        stats.eventIn();
        ClickEvent event;
        try {
            event = events.fromBytes(record.value());
        } catch (SerializationException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (event == null) {
            deadLetter(record, "empty record value");
            return;
        }
        Optional<String> invalid = event.validationError();
        if (invalid.isPresent()) {
            deadLetter(record, invalid.get());
            return;
        }

        long eventTime = event.timestamp() != null ? event.timestamp() : record.timestamp();
        String key = event.sessionKey();
        SessionState previous = sessions.get(key);
        SessionState state = previous == null
                ? SessionState.start(event.itemId(), eventTime)
                : previous.after(event.itemId(), eventTime, settings.sequenceLength(), settings.sessionGap().toMillis());
        sessions.put(key, state);
        popularity.record(event.itemId());

        Recommendation answer = recommender.recommend(key, event.userId(), state.items(), event.itemId(), eventTime);
        stats.recommended(!answer.isFallback());
        context.forward(new Record<>(key.getBytes(StandardCharsets.UTF_8), recommendations.toBytes(answer),
                record.timestamp()), RecommendationTopology.RECOMMENDATIONS_SINK);
        stats.processed((System.nanoTime() - started) / 1000);
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
        Optional<RecordMetadata> source = context.recordMetadata();
        source.ifPresent(m -> {
            headers.add(DeadLetterHeaders.SOURCE_TOPIC, m.topic().getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(m.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(m.offset()).getBytes(StandardCharsets.UTF_8));
        });
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers),
                RecommendationTopology.DEAD_LETTER_SINK);
        stats.deadLettered();
    }
}
