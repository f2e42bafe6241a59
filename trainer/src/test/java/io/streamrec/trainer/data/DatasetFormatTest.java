package io.streamrec.trainer.data;

import static io.streamrec.trainer.data.DataFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.schemas.UserError;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFormatTest {
    @TempDir
    Path dir;

    @Test
    void parsesCommandLineAndConstantNames() {
        assertThat(DatasetFormat.parse("gru-tsv")).isEqualTo(DatasetFormat.GRU_TSV);
        assertThat(DatasetFormat.parse(" MOVIELENS_CSV ")).isEqualTo(DatasetFormat.MOVIELENS_CSV);
    }

    @Test
    void refusesAnUnknownNameInOneLineListingTheKnownOnes() {
        assertThatThrownBy(() -> DatasetFormat.parse("parquet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown dataset format 'parquet': use one of auto, gru-tsv, yoochoose, diginetica,"
                        + " retailrocket, sequences, movielens-csv, movielens-dat, movielens-udata, recbole-inter");
        assertThatThrownBy(() -> DatasetFormat.parse("movielens"))
                .hasMessage("say which MovieLens layout: movielens-csv (ratings.csv), movielens-dat (ratings.dat),"
                        + " movielens-udata (u.data) or recbole-inter (.inter)");
    }

    @Test
    void detectsEveryHeadedLayoutByItsHeaderWhenTheNameDoesNotTell() throws Exception {
        assertThat(DatasetFormat.detect(write(dir, "a.txt", "SessionId\tItemId\tTime", "1\t2\t3")))
                .isEqualTo(DatasetFormat.GRU_TSV);
        assertThat(DatasetFormat.detect(write(dir, "b.txt", "sessionId;userId;itemId;timeframe;eventdate")))
                .isEqualTo(DatasetFormat.DIGINETICA);
        assertThat(DatasetFormat.detect(write(dir, "c.txt", "timestamp,visitorid,event,itemid,transactionid")))
                .isEqualTo(DatasetFormat.RETAILROCKET);
        assertThat(DatasetFormat.detect(write(dir, "d.txt", "userId,movieId,rating,timestamp")))
                .isEqualTo(DatasetFormat.MOVIELENS_CSV);
        assertThat(DatasetFormat.detect(write(dir, "e.txt", "prefix_items\tnext_item")))
                .isEqualTo(DatasetFormat.SEQUENCES);
        assertThat(DatasetFormat.detect(write(dir, "f.txt", "\uFEFFsession_idx\titems_in_order")))
                .isEqualTo(DatasetFormat.SEQUENCES);
    }

    @Test
    void detectsByTheStandardFileNameBeforeTheHeader() throws Exception {
        // named like a RetailRocket log: read as one, and its header is then refused with the reason
        Path file = write(dir, "events.csv", "userId,movieId,rating,timestamp");

        assertThat(DatasetFormat.detect(file)).isEqualTo(DatasetFormat.RETAILROCKET);
        assertThatThrownBy(() -> DatasetReaders.read(file, DatasetFormat.AUTO))
                .hasMessageStartingWith(file + ": the header has no visitorid column");
        assertThat(DatasetFormat.detect(write(dir, "yoochoose-clicks.dat", "1,2014-04-07T10:51:09.277Z,2,0")))
                .isEqualTo(DatasetFormat.YOOCHOOSE);
    }

    @Test
    void refusesAFileItCannotPlaceInOneLineSayingWhatToDo() throws Exception {
        Path unknown = write(dir, "mystery.csv", "a,b,c", "1,2,3");
        Path empty = write(dir, "empty.txt");
        Path missing = dir.resolve("missing.csv");

        assertThatThrownBy(() -> DatasetFormat.detect(unknown))
                .isInstanceOf(UserError.class)
                .hasMessage("cannot tell the format of " + unknown + " from its name or header")
                .extracting(e -> ((UserError) e).hint())
                .isEqualTo("give --format: one of gru-tsv, yoochoose, diginetica, retailrocket, sequences,"
                        + " movielens-csv, movielens-dat, movielens-udata, recbole-inter");
        assertThatThrownBy(() -> DatasetFormat.detect(empty)).hasMessageStartingWith("cannot tell the format of");
        assertThatThrownBy(() -> DatasetReaders.read(missing, DatasetFormat.AUTO))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing.toString());
        assertThatThrownBy(() -> DatasetFormat.detect(dir))
                .isInstanceOf(UserError.class)
                .hasMessage(dir + " is a directory without all_train_seq.tsv");
    }

    @Test
    void eachHeaderBelongsToItsFormatAndFitsNoOther() {
        for (DatasetFormat format : DatasetFormat.values()) {
            for (DelimitedFileReader.Layout layout : DatasetReaders.headerLayouts(format)) {
                assertThat(layout.format()).isEqualTo(format);
                // a header listing just the needed columns is this layout's and no other's
                String header = String.join(layout.delimiter(), layout.columns());
                assertThat(DatasetReaders.headerLayouts(format)).anyMatch(l -> l.matches(header));
                for (DatasetFormat other : DatasetFormat.values()) {
                    if (other != format) {
                        assertThat(DatasetReaders.headerLayouts(other)).noneMatch(l -> l.matches(header));
                    }
                }
            }
        }
    }
}
