package io.streamrec.torture;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Writes an event's fields as JSON spoilt by one {@link Mutation}. The JSON is written by hand (the ids are plain
 * ASCII) because several mutations are about its exact bytes: field order, repeated fields, encodings.
 */
public final class Mutator {
    private static final List<Charset> UTF16 = List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16);
    private static final byte[] BOM_BYTES = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] OVERLONG_SLASH = {(byte) 0xC0, (byte) 0xAF};

    private final Random random;

    public Mutator(Random random) {
        this.random = random;
    }

    /** A mutation drawn uniformly from {@link Mutation#DRAWN}. */
    public Mutation pick() {
        return Mutation.DRAWN.get(random.nextInt(Mutation.DRAWN.size()));
    }

    /** The event (session, user, item, time) with {@code mutation} applied; huge ids come from {@link #huge}. */
    public FuzzRecord mutate(String session, String user, String item, long time, Mutation mutation) {
        byte[] key = utf8(session);
        byte[] good = utf8(json(session, user, item, time));
        return switch (mutation) {
            case BYTE_FLIP -> record(key, flipped(good), time, mutation);
            case TRUNCATION -> record(key, Arrays.copyOf(good, random.nextInt(good.length)), time, mutation);
            case TRAILING_GARBAGE -> record(key, concat(good, garbage()), time, mutation);
            case DUPLICATE_FIELD -> duplicateField(key, session, user, item, time);
            case NUMERIC_ID -> {
                long number = random.nextInt(1_000_000);
                String text = "{\"sessionId\":" + number + ",\"userId\":\"" + user + "\",\"itemId\":\"" + item
                        + "\",\"timestamp\":" + time + "}";
                // Keyed by the number's text half the time (answered in place), by the old key otherwise (rekeyed).
                yield record(random.nextBoolean() ? utf8(Long.toString(number)) : key, utf8(text), time, mutation);
            }
            case BOOLEAN_ID -> record(key, utf8("{\"sessionId\":\"" + session + "\",\"itemId\":" + random.nextBoolean()
                    + ",\"timestamp\":" + time + "}"), time, mutation);
            case OVERLONG_UTF8 -> {
                String[] around = json(session, user, item + "\u0000", time).split("\u0000");
                yield record(key, concat(utf8(around[0]), OVERLONG_SLASH, utf8(around[1])), time, mutation);
            }
            case BOM -> record(key, concat(BOM_BYTES, good), time, mutation);
            case UTF16 -> record(key, json(session, user, item, time).getBytes(UTF16.get(random.nextInt(UTF16.size()))),
                    time, mutation);
            case EMPTY_VALUE -> record(key, new byte[0], time, mutation);
            case NULL_VALUE -> record(key, null, time, mutation);
            case JSON_NULL -> record(key, utf8("null"), time, mutation);
            case NOT_AN_OBJECT -> record(key, utf8(List.of("[" + json(session, user, item, time) + "]",
                    "\"" + session + "\"", Long.toString(time), "true").get(random.nextInt(4))), time, mutation);
            case WRONG_KEY -> record(utf8("s-wrong-" + random.nextInt(1_000_000)), good, time, mutation);
            case NO_KEY -> record(random.nextBoolean() ? null : new byte[0], good, time, mutation);
            case MISSING_FIELD -> missingField(key, session, user, item, time);
            case NEGATIVE_TIMESTAMP -> record(key, utf8(json(session, user, item, -time)), time, mutation);
            case HUGE_ID -> throw new IllegalArgumentException("huge ids are made by huge(), with their size");
        };
    }

    /**
     * The event with its session id (and so its key) or its item id replaced by an id of {@code bytes} ASCII
     * characters: a random 64-character block repeated, so that the producer's compression gets the record under the
     * topic's 1 MB record limit while the app still sees every byte.
     */
    public FuzzRecord huge(String session, String user, String item, long time, int bytes, boolean inSession) {
        StringBuilder block = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            block.append((char) ('a' + random.nextInt(26)));
        }
        String id = block.toString().repeat(bytes / 64 + 1).substring(0, bytes);
        String s = inSession ? id : session;
        String i = inSession ? item : id;
        return record(utf8(s), utf8(json(s, user, i, time)), time, Mutation.HUGE_ID);
    }

    private FuzzRecord duplicateField(byte[] key, String session, String user, String item, long time) {
        String rest = "\"userId\":\"" + user + "\",\"itemId\":\"" + item + "\",\"timestamp\":" + time;
        String text = switch (random.nextInt(3)) {
            // the last of repeated fields wins in the app's parser: the same session, answered in place
            case 0 -> "{\"sessionId\":\"s-dup\",\"sessionId\":\"" + session + "\"," + rest + "}";
            // another session last: rekeyed
            case 1 -> "{\"sessionId\":\"" + session + "\"," + rest + ",\"sessionId\":\"s-dup-" + random.nextInt(1000)
                    + "\"}";
            default -> "{\"sessionId\":\"" + session + "\",\"itemId\":\"i-dup\"," + rest + "}";
        };
        return record(key, utf8(text), time, Mutation.DUPLICATE_FIELD);
    }

    private FuzzRecord missingField(byte[] key, String session, String user, String item, long time) {
        String text = switch (random.nextInt(5)) {
            case 0 -> "{\"sessionId\":\"" + session + "\",\"userId\":\"" + user + "\",\"timestamp\":" + time + "}";
            // keyed by the session it no longer names: rekeyed under "user:<id>"
            case 1 -> "{\"userId\":\"" + user + "\",\"itemId\":\"" + item + "\",\"timestamp\":" + time + "}";
            case 2 -> "{\"itemId\":\"" + item + "\",\"timestamp\":" + time + "}";
            // the event time then comes from the record
            case 3 -> "{\"sessionId\":\"" + session + "\",\"userId\":\"" + user + "\",\"itemId\":\"" + item + "\"}";
            default -> "{\"sessionId\":\"" + session + "\",\"itemId\":\"  \",\"timestamp\":" + time + "}";
        };
        return record(key, utf8(text), time, Mutation.MISSING_FIELD);
    }

    private byte[] flipped(byte[] good) {
        byte[] bytes = good.clone();
        int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips; f++) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return bytes;
    }

    private byte[] garbage() {
        return switch (random.nextInt(3)) {
            case 0 -> {
                byte[] bytes = new byte[1 + random.nextInt(16)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 1 -> utf8("}}]]");
            default -> utf8("{\"sessionId\":\"s-trailing\",\"itemId\":\"i-1\"}");
        };
    }

    static String json(String session, String user, String item, long time) {
        return "{\"sessionId\":\"" + session + "\",\"userId\":\"" + user + "\",\"itemId\":\"" + item
                + "\",\"timestamp\":" + time + ",\"eventType\":\"click\"}";
    }

    private static FuzzRecord record(byte[] key, byte[] value, long time, Mutation mutation) {
        return new FuzzRecord(key, value, time, mutation);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
