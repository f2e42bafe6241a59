package io.streamrec.trainer.data;

import static io.streamrec.trainer.data.DataFiles.byId;
import static io.streamrec.trainer.data.DataFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReadersTest {
    @TempDir
    Path dir;


    @Test
    void readsYooChooseClicksOrderingEachSessionByTime() throws Exception {
        Path file = write(dir, "yoochoose-clicks.dat",
                "1,2014-04-07T10:54:09.868Z,214536500,0",
                "1,2014-04-07T10:51:09.277Z,214536502,0",
                "2,2014-04-07T13:56:37.614Z,214662742,0",
                "1,2014-04-07T10:57:39.331Z,214536506,S");

        SessionDataset data = DatasetReaders.read(file, DatasetFormat.AUTO);

        Map<String, Session> sessions = byId(data);
        assertThat(sessions.get("1").items()).containsExactly("214536502", "214536500", "214536506");
        assertThat(sessions.get("1").timestampsMs().get(0)).isEqualTo(1396867869277L);
        assertThat(sessions.get("2").items()).containsExactly("214662742");
    }

    @Test
    void readsDigineticaOrderingByDateThenTimeframe() throws Exception {
        Path file = write(dir, "train-item-views.csv",
                "sessionId;userId;itemId;timeframe;eventdate",
                "1;;81766;526309;2016-05-09",
                "1;;31331;1031018;2016-05-09",
                "1;;32118;243569;2016-05-09",
                "2;;9654;75848;2016-05-10",
                "2;;33043;6;2016-05-11");

        Map<String, Session> sessions = byId(DatasetReaders.read(file, DatasetFormat.AUTO));

        assertThat(sessions.get("1").items()).containsExactly("32118", "81766", "31331");
        assertThat(sessions.get("2").items()).containsExactly("9654", "33043");
        // 2016-05-09T00:00Z is 1462752000000 ms
        assertThat(sessions.get("1").timestampsMs().get(0)).isEqualTo(1462752000000L + 243569);
    }

    @Test
    void readsRetailRocketViewsCutIntoSessionsAtThirtyMinutesOfInactivity() throws Exception {
        long t0 = 1433221332117L;
        long minute = 60_000;
        Path file = write(dir, "events.csv",
                "timestamp,visitorid,event,itemid,transactionid",
                t0 + ",7,view,100,",
                (t0 + 10 * minute) + ",7,view,101,",
                (t0 + 11 * minute) + ",7,addtocart,101,",
                (t0 + 45 * minute) + ",7,view,102,",
                (t0 + 5 * minute) + ",8,view,200,");

        Map<String, Session> sessions = byId(DatasetReaders.read(file, DatasetFormat.AUTO));

        assertThat(sessions).containsOnlyKeys("7_1", "7_2", "8_1");
        assertThat(sessions.get("7_1").items()).containsExactly("100", "101");
        assertThat(sessions.get("7_2").items()).containsExactly("102");
        assertThat(sessions.get("8_1").items()).containsExactly("200");
    }

    @Test
    void readsMovieLensLayoutsAsPerUserSequencesInTimeOrder() throws Exception {
        Path dat = write(dir, "ratings.dat", "1::1193::5::978300760", "1::661::3::978302109", "1::914::3::978301968",
                "2::1357::5::978298709");
        Path udata = write(dir, "u.data", "196\t242\t3\t881250949", "196\t302\t3\t881250940", "186\t302\t3\t891717742");
        Path inter = write(dir, "ml.inter", "user_id:token\titem_id:token\trating:float\ttimestamp:float",
                "1\t10\t4\t20", "1\t11\t4\t10", "2\t12\t1\t5");

        Map<String, Session> fromDat = byId(DatasetReaders.read(dat, DatasetFormat.AUTO));
        Map<String, Session> fromUData = byId(DatasetReaders.read(udata, DatasetFormat.AUTO));
        Map<String, Session> fromInter = byId(DatasetReaders.read(inter, DatasetFormat.AUTO));

        assertThat(fromDat.get("1").items()).containsExactly("1193", "914", "661");
        assertThat(fromDat.get("2").items()).containsExactly("1357");
        assertThat(fromUData.get("196").items()).containsExactly("302", "242");
        assertThat(fromUData.get("196").timestampsMs()).containsExactly(881250940000L, 881250949000L);
        assertThat(fromInter.get("1").items()).containsExactly("11", "10");
        assertThat(fromInter.get("2").items()).containsExactly("12");
    }

    @Test
    void readsSequenceFilesRebuildingTestSessionsFromTheirPrefixes() throws Exception {
        write(dir, SequenceFileReader.TRAIN_FILE, "session_idx\titems_in_order", "0\t5 6 7", "1\t8 9");
        // every prefix of each test session with its next item, longest prefix first
        write(dir, SequenceFileReader.TEST_FILE, "prefix_items\tnext_item",
                "5 6 7\t8", "5 6\t7", "5\t6",
                "9 9\t5", "9\t9");

        SessionDataset.Split split = DatasetReaders.readSplit(dir, DatasetFormat.AUTO).orElseThrow();

        assertThat(split.train().sessions()).extracting(Session::items)
                .containsExactly(List.of("5", "6", "7"), List.of("8", "9"));
        assertThat(split.test().sessions()).extracting(Session::items)
                .containsExactly(List.of("5", "6", "7", "8"), List.of("9", "9", "5"));
        long lastTrainClick = split.train().sessions().get(1).timestampsMs().get(1);
        assertThat(split.test().sessions().get(0).startTime()).isGreaterThan(lastTrainClick);

        // the held-out part alone, from the directory or from its training file, without reading training sessions
        for (Path given : List.of(dir, dir.resolve(SequenceFileReader.TRAIN_FILE))) {
            assertThat(DatasetReaders.readTest(given, DatasetFormat.AUTO).sessions()).extracting(Session::items)
                    .containsExactly(List.of("5", "6", "7", "8"), List.of("9", "9", "5"));
        }
    }

    @Test
    void readsGru4RecTsvByItsHeader() throws Exception {
        Path file = write(dir, "clicks.txt", "SessionId\tItemId\tTime", "1\t10\t1396839069.277", "1\t11\t1396839070.0");

        assertThat(DatasetFormat.detect(file)).isEqualTo(DatasetFormat.GRU_TSV);
        assertThat(DatasetReaders.read(file, DatasetFormat.AUTO).sessions().get(0).items()).containsExactly("10", "11");
    }

    @Test
    void reportsTheFileAndLineOfMalformedInput() throws Exception {
        Path file = write(dir, "yoochoose-clicks.dat", "1,2014-04-07T10:54:09.868Z,214536500,0", "2,yesterday,5,0");

        assertThatThrownBy(() -> DatasetReaders.read(file, DatasetFormat.AUTO))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("yoochoose-clicks.dat:2: Timestamp is not ISO-8601")
                .hasMessageContaining("yesterday");
    }

    @Test
    void refusesAFileWhoseLayoutCannotBeTold() throws Exception {
        Path file = write(dir, "mystery.csv", "a,b,c", "1,2,3");

        assertThatThrownBy(() -> DatasetReaders.read(file, DatasetFormat.AUTO))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot tell the format");
        assertThatThrownBy(() -> DatasetFormat.parse("movielens"))
                .hasMessageContaining("movielens-csv (ratings.csv), movielens-dat (ratings.dat)");
    }
}
