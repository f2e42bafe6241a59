package io.streamrec.schemas.verdict;

/**
 * What one serving instance did with one bundle it read from the model topic, written to the model-verdicts topic
 * (keyed by model name) so that whoever published the bundle learns whether it serves, and if not, why.
 *
 * <p>A verdict names the bundle by where it lies on the model topic, not only by version: a bundle that cannot be
 * read has no version to name, and its publisher knows the offset its record landed at (for a bundle sent in
 * chunks, the offset of its chunk manifest).
 *
 * @param model     the model line (the record key on the model topic)
 * @param version   the bundle's version, 0 when it could not be read
 * @param partition the model topic partition the bundle's record is in
 * @param offset    the bundle's record offset (a chunked bundle's manifest) on the model topic
 * @param instance  which serving instance judged it, e.g. {@code streamrec@host-1:8080}
 * @param accepted  true when the bundle now serves on that instance
 * @param reason    why it was refused; null when accepted
 * @param at        when, ISO-8601
 */
public record ModelVerdict(String model, long version, int partition, long offset, String instance,
                           boolean accepted, String reason, String at) {

    /** "accepted by X" or "refused by X: reason", one line. */
    public String describe() {
        return (accepted ? "accepted by " : "refused by ") + instance + (accepted ? "" : ": " + reason);
    }
}
