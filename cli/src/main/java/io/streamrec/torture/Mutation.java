package io.streamrec.torture;

import java.util.Arrays;
import java.util.List;

/** The ways the fuzz scenario spoils a valid event: each names what a careless or hostile producer sends. */
public enum Mutation {
    /** One to three bytes anywhere XOR-ed with a random non-zero value. */
    BYTE_FLIP,
    /** Cut at a random length, possibly to nothing. */
    TRUNCATION,
    /** Random bytes or a second JSON text after the event. */
    TRAILING_GARBAGE,
    /** A field twice, with the same or another value. */
    DUPLICATE_FIELD,
    /** The session id as a JSON number, keyed by its text or by the original key. */
    NUMERIC_ID,
    /** The item id as a JSON boolean. */
    BOOLEAN_ID,
    /** An overlong UTF-8 encoding of '/' (0xC0 0xAF) inside the item id. */
    OVERLONG_UTF8,
    /** A UTF-8 byte-order mark before the JSON. */
    BOM,
    /** The JSON in UTF-16 (big- or little-endian, with or without a byte-order mark). */
    UTF16,
    /** A record with zero bytes of value. */
    EMPTY_VALUE,
    /** A tombstone: no value at all. */
    NULL_VALUE,
    /** The JSON literal null. */
    JSON_NULL,
    /** Valid JSON that is not an object: an array, a string, a number. */
    NOT_AN_OBJECT,
    /** Keyed by another session's id: the app must rekey it and answer it under its own session. */
    WRONG_KEY,
    /** No key, or an empty one. */
    NO_KEY,
    /** Without the item, the session, both session and user, or the timestamp; or with a blank item. */
    MISSING_FIELD,
    /** A timestamp before 1970. */
    NEGATIVE_TIMESTAMP,
    /** A session or item id of 60 KB to 1 MB (sent only in the counts the run asks for, and last). */
    HUGE_ID;

    /** The mutations drawn at random for mutated events; huge ids are sent apart, in a bounded number. */
    public static final List<Mutation> DRAWN = Arrays.stream(values()).filter(m -> m != HUGE_ID).toList();
}
