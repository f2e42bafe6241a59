package io.streamrec.trainer.gru4rec;

/**
 * How closely ONNX Runtime reproduced the trained model on sample sessions.
 *
 * @param sessions         sample sessions compared
 * @param maxAbsDifference largest |score difference| over every top-K position of every session
 */
public record ParityReport(int sessions, double maxAbsDifference) {
}
