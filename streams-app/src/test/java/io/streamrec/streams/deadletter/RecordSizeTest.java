package io.streamrec.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;

class RecordSizeTest {

    @Test
    void isNeverBelowWhatTheProducerChecksAgainstMaxRequestSizeAndBarelyAbove() {
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            byte[] key = random.nextInt(5) == 0 ? null : new byte[random.nextInt(300)];
            byte[] value = random.nextInt(7) == 0 ? null : new byte[random.nextInt(1 << random.nextInt(21))];
            Header[] headers = new Header[random.nextInt(4)];
            for (int h = 0; h < headers.length; h++) {
                headers[h] = new RecordHeader("h-é" + h, random.nextBoolean() ? null : new byte[random.nextInt(200)]);
            }
            long producer = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
                    CompressionType.LZ4, key, value, headers);
            long ours = RecordSize.upperBound(key, value, List.of(headers));
            assertThat(ours).isGreaterThanOrEqualTo(producer).isLessThanOrEqualTo(producer + 15 + 8L * headers.length);
        }
    }

    @Test
    void countsContentAndHeadersAlone() {
        List<Header> headers = List.of(new RecordHeader("ab", new byte[3]), new RecordHeader("é", null));
        assertThat(RecordSize.contentBytes(new byte[4], null, headers)).isEqualTo(4 + 2 + 3 + 2);
        assertThat(RecordSize.headerBytes(headers)).isEqualTo(7);
    }
}
