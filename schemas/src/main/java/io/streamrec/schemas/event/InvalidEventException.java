package io.streamrec.schemas.event;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record on the events topic that is not a click event the app accepts. The message is the reason, written for the
 * operator who reads it off a dead letter: what is wrong and, where it helps, where.
 */
public final class InvalidEventException extends SerializationException {
    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
