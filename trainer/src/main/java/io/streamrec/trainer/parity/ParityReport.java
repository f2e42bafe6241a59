package io.streamrec.trainer.parity;

/**
 * How closely ONNX Runtime reproduced the trained model on sample sequences.
 *
 * @param rows             sample sequences compared (one batch, lengths 1..L mixed)
 * @param longestSequence  the longest sample, in items (L when the data allowed it)
 * @param maxAbsDifference largest |score difference| over every top-K position of every row
 */
public record ParityReport(int rows, int longestSequence, double maxAbsDifference) {
}
