package io.streamrec.trainer.data;

import static io.streamrec.trainer.data.DataFiles.byId;
import static io.streamrec.trainer.data.DataFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.schemas.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensReaderTest {
    /** The first lines of ml-latest-small's ratings.csv, shuffled so that time order differs from file order. */
    private static final String[] RATINGS_CSV = {
        "userId,movieId,rating,timestamp",
        "1,1,4.0,964982703",
        "1,3,4.0,964981247",
        "2,318,3.0,1445714835",
        "1,6,4.0,964982224",
        "2,333,4.0,1445715029",
    };

    @TempDir
    Path dir;


    @Test
    void readsRatingsCsvAsPerUserSequencesInTimeOrder() throws Exception {
        Path file = write(dir, "ratings.csv", RATINGS_CSV);

        Map<String, Session> users = byId(MovieLensReader.readRatingsCsv(file));

        assertThat(users).containsOnlyKeys("1", "2");
        assertThat(users.get("1").items()).containsExactly("3", "6", "1");
        assertThat(users.get("1").timestampsMs()).containsExactly(964981247000L, 964982224000L, 964982703000L);
        assertThat(users.get("2").items()).containsExactly("318", "333");
    }

    @Test
    void detectsRatingsCsvByItsHeaderUnderAnyName() throws Exception {
        Path file = write(dir, "ml-32m-ratings.csv", RATINGS_CSV);

        assertThat(DatasetFormat.detect(file)).isEqualTo(DatasetFormat.MOVIELENS_CSV);
        assertThat(DatasetFormat.parse("movielens-csv")).isEqualTo(DatasetFormat.MOVIELENS_CSV);
        assertThat(DatasetReaders.read(file, DatasetFormat.AUTO).sessions())
                .isEqualTo(MovieLensReader.readRatingsCsv(file).sessions());
    }

    @Test
    void givesTheSameSequencesAsTheSameRatingsInTheOlderLayouts() throws Exception {
        Path csv = write(dir, "ratings.csv", RATINGS_CSV);
        StringBuilder dat = new StringBuilder();
        StringBuilder udata = new StringBuilder();
        for (int i = 1; i < RATINGS_CSV.length; i++) {
            String[] f = RATINGS_CSV[i].split(",");
            dat.append(String.join("::", f[0], f[1], "4", f[3])).append('\n');
            udata.append(String.join("\t", f[0], f[1], "4", f[3])).append('\n');
        }
        Path datFile = write(dir, "ratings.dat", dat.toString());
        Path udataFile = write(dir, "u.data", udata.toString());

        SessionDataset fromCsv = MovieLensReader.readRatingsCsv(csv);

        assertThat(MovieLensReader.readRatingsDat(datFile).sessions()).isEqualTo(fromCsv.sessions());
        assertThat(MovieLensReader.readUData(udataFile).sessions()).isEqualTo(fromCsv.sessions());
    }

    @Test
    void reportsMalformedRatingsLinesWithFileLineAndReason() throws Exception {
        Path file = write(dir, "ratings.csv", "userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,3,4.0",
                "1,,4.0,964981247", "2,318,3.0,yesterday");

        assertThatThrownBy(() -> MovieLensReader.readRatingsCsv(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ":3: expected at least 4 comma-separated fields (as in the header"
                        + " userId,movieId,rating,timestamp), found 3; 3 malformed lines (3, 4, 5): fix or remove"
                        + " them");
    }

    @Test
    void refusesAnotherHeaderInOneLineSayingWhatToDo() throws Exception {
        // the Book-Crossing ratings file has the same name and another layout
        Path file = write(dir, "ratings.csv", "User-ID,ISBN,Book-Rating", "276725,034545104X,0");

        assertThatThrownBy(() -> MovieLensReader.readRatingsCsv(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": the header has no userId column (found 'User-ID,ISBN,Book-Rating'); a"
                        + " movielens-csv file starts with a header naming userId, movieId, timestamp: fix the header"
                        + " or give the file's layout with --format");
        assertThatThrownBy(() -> DatasetFormat.detect(file))
                .isInstanceOf(UserError.class)
                .hasMessage("cannot tell the format of " + file + " from its name or header")
                .hasMessageNotContaining("\n");
    }

    @Test
    void readsRecBoleTypedHeadersWithOrWithoutATimestamp() throws Exception {
        Path timed = write(dir, "timed.inter", "user_id:token\titem_id:token\ttimestamp:float", "1\ta\t20", "1\tb\t10");
        Path untimed = write(dir, "untimed.inter", "user_id:token\titem_id:token", "1\ta", "1\tb");

        assertThat(MovieLensReader.readRecBoleInter(timed).sessions().get(0).items()).containsExactly("b", "a");
        assertThat(MovieLensReader.readRecBoleInter(untimed).sessions().get(0).items()).containsExactly("a", "b");
        assertThat(DatasetFormat.detect(write(dir, "ml.txt", "user_id:token\titem_id:token", "1\ta")))
                .isEqualTo(DatasetFormat.RECBOLE_INTER);
    }

    @Test
    void readsRatingsAsInteractionsWithTheirValuesInEveryLayout() throws Exception {
        Path inter = write(dir, "r.inter", "user_id:token\titem_id:token\trating:float\ttimestamp:float",
                "7\ta\t4\t20", "8\tb\t2.5\t10", "7\tb\t5\t30");
        Path udata = write(dir, "u.data", "7\ta\t4\t20", "8\tb\t2.5\t10", "7\tb\t5\t30");
        Path implicit = write(dir, "i.inter", "user_id:token\titem_id:token", "7\ta", "8\tb");

        for (Path ratings : new Path[] {inter, udata}) {
            Interactions read = DatasetReaders.readInteractions(ratings, DatasetFormat.AUTO);
            assertThat(read.userIds()).containsExactly("7", "8");
            assertThat(read.itemIds()).containsExactly("a", "b");
            assertThat(read.users()).containsExactly(0, 1, 0);
            assertThat(read.items()).containsExactly(0, 1, 1);
            assertThat(read.values()).containsExactly(4f, 2.5f, 5f);
            assertThat(read.timesMs()).containsExactly(20_000L, 10_000L, 30_000L);
            assertThat(read.rowsByUser()[0]).containsExactly(0, 2);
        }
        assertThat(DatasetReaders.readInteractions(implicit, DatasetFormat.AUTO).values()).containsExactly(1f, 1f);
    }
}
