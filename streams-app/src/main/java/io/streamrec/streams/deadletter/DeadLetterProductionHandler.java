package io.streamrec.streams.deadletter;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line behind the click processor's own checks: when the producer or the broker refuses one record for
 * what the record is (too large for the producer or the topic, a timestamp the topic does not take), the event that
 * led to it is dead-lettered in short form with the reason and its source coordinates, and processing goes on.
 * Anything else (the broker away, authorisation, fencing) fails the task as Kafka Streams' default handler does:
 * those are not one record's fault, and skipping records would hide them.
 *
 * <p>The letter samples the source event's bytes when Kafka Streams still holds them; Kafka Streams 4.3 lets go of
 * them before it sends, so it samples the refused record's instead, which for a re-keyed event or a dead letter is
 * the event itself and otherwise (an answer, a state) shows what was too large. The source coordinates find the
 * event either way.
 *
 * <p>The processor checks every record against the app's limits before writing it, so this handler sees only what
 * those checks cannot know: a topic whose limit was lowered after start-up, a producer limit lowered with {@code -K},
 * a broker-side timestamp policy. Under at-least-once the event then has its dead letter and the stream goes on.
 * Under exactly-once the producer has already marked the transaction for abort when the refusal reaches this
 * handler, so the task's work since its last commit is redone; that is why the checks come first.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    /** The topic dead letters go to; a Kafka Streams property the app sets. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "streamrec.dead.letter.topic";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        this.deadLetterTopic = Objects.requireNonNull(topic, DEAD_LETTER_TOPIC_CONFIG + " is not set").toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (!isRecordLevel(exception)) {
            return exception instanceof RetriableException ? Response.retry() : Response.fail();
        }
        if (record.topic().equals(deadLetterTopic) && DeadLetter.isShortForm(record.headers())) {
            // Even the short form was refused: nothing smaller can be written. The event stays on its source topic.
            log.error("could not write the short dead letter for {}-{}@{} either ({}); dropping it",
                    context.topic(), context.partition(), context.offset(), exception.toString());
            return Response.resume();
        }
        String reason = "could not write a " + RecordSize.upperBound(record.key(), record.value(), record.headers())
                + "-byte record to " + record.topic() + ": " + exception;
        // A record written from a punctuation has no source record to name.
        DeadLetter.Source source = context.topic() == null ? null
                : new DeadLetter.Source(context.topic(), context.partition(), context.offset());
        DeadLetter letter = context.sourceRawValue() != null
                ? DeadLetter.shortForm(context.sourceRawKey(), context.sourceRawValue(), orEmpty(context.headers()),
                        reason, source)
                : DeadLetter.shortForm(record.key(), record.value(), record.headers(), reason, source);
        log.warn("{}-{}@{}: {}; dead-lettered in short form", context.topic(), context.partition(), context.offset(),
                reason);
        Long timestamp = context.timestamp() >= 0 ? context.timestamp() : null;
        return Response.resume(List.of(new ProducerRecord<>(deadLetterTopic, null, timestamp, letter.key(),
                letter.value(), letter.headers())));
    }

    private static Headers orEmpty(Headers headers) {
        return headers == null ? new RecordHeaders() : headers;
    }

    /** Refusals of one record for what it is, as opposed to the producer's or the cluster's state. */
    static boolean isRecordLevel(Exception exception) {
        return exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException
                || exception instanceof InvalidRecordException || exception instanceof InvalidTimestampException;
    }
}
