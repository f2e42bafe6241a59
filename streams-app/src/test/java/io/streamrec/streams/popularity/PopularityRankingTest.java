package io.streamrec.streams.popularity;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.schemas.recommendation.RecommendedItem;
import org.junit.jupiter.api.Test;

class PopularityRankingTest {

    @Test
    void ranksByClickCountWithTiesBrokenByItemId() {
        PopularityRanking ranking = new PopularityRanking(1);
        for (String item : new String[] {"b", "a", "c", "c", "b", "c"}) {
            ranking.record(item);
        }
        assertThat(ranking.top(3)).containsExactly(new RecommendedItem("c", 3), new RecommendedItem("b", 2),
                new RecommendedItem("a", 1));
        assertThat(ranking.top(1)).extracting(RecommendedItem::itemId).containsExactly("c");
    }

    @Test
    void refreshesTheCachedRankingOnlyEveryNClicksOnceItIsFull() {
        PopularityRanking ranking = new PopularityRanking(4);
        ranking.record("a");
        ranking.record("b");
        assertThat(ranking.top(2)).extracting(RecommendedItem::itemId).containsExactly("a", "b");
        ranking.record("b");
        assertThat(ranking.top(2)).as("stale within the refresh period").extracting(RecommendedItem::itemId)
                .containsExactly("a", "b");
        ranking.record("b");
        ranking.record("b");
        ranking.record("b");
        assertThat(ranking.top(2)).extracting(RecommendedItem::itemId).containsExactly("b", "a");
    }

    @Test
    void aYoungRankingGrowsAsNewItemsAppear() {
        PopularityRanking ranking = new PopularityRanking(1000);
        ranking.record("a");
        assertThat(ranking.top(3)).hasSize(1);
        ranking.record("b");
        assertThat(ranking.top(3)).hasSize(2);
    }

    @Test
    void keepsTheItemsOfOnlyTheMostRecentClicks() {
        PopularityRanking ranking = new PopularityRanking(1, 3);
        assertThat(ranking.recentClicks()).isEmpty();
        for (String item : new String[] {"old", "a", "b", "c"}) {
            ranking.record(item);
        }
        assertThat(ranking.recentClicks()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(ranking.top(4)).as("the counts keep every click").hasSize(4);
    }
}
