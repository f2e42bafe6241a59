package io.streamrec.torture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeMatcherTest {
    private static final String EVENTS = "t-events";
    private final OutcomeMatcher matcher = new OutcomeMatcher(EVENTS);

    private static SentRecord sent(int partition, long offset, String session, long time) {
        return new SentRecord(partition, offset, new Identity(session, time), null);
    }

    private static SentRecord malformed(int partition, long offset) {
        return new SentRecord(partition, offset, null, Mutation.TRUNCATION);
    }

    private static DeadLetter letter(int partition, long offset) {
        return new DeadLetter(EVENTS, partition, offset, null);
    }

    @Test
    void oneAnswerOrDeadLetterPerInputIsExactlyOnce() {
        OutcomeTally tally = matcher.match(List.of(sent(0, 0, "s1", 1), sent(1, 0, "s2", 2), malformed(0, 1)),
                List.of(new Identity("s2", 2), new Identity("s1", 1)), List.of(letter(0, 1)));

        assertThat(tally).isEqualTo(new OutcomeTally(3, 2, 1, 0, 0, 0, List.of()));
        assertThat(tally.exactlyOnce()).isTrue();
    }

    @Test
    void anInputWithoutOutcomeIsLost() {
        OutcomeTally tally = matcher.match(List.of(sent(0, 0, "s1", 1), malformed(0, 1)), List.of(), List.of());

        assertThat(tally.lost()).isEqualTo(2);
        assertThat(tally.exactlyOnce()).isFalse();
    }

    @Test
    void aSecondAnswerOrDeadLetterIsADuplicate() {
        OutcomeTally answeredTwice = matcher.match(List.of(sent(0, 0, "s1", 1)),
                List.of(new Identity("s1", 1), new Identity("s1", 1)), List.of());
        OutcomeTally letteredTwice = matcher.match(List.of(malformed(2, 7)), List.of(),
                List.of(letter(2, 7), letter(2, 7)));
        OutcomeTally both = matcher.match(List.of(sent(0, 0, "s1", 1)), List.of(new Identity("s1", 1)),
                List.of(letter(0, 0)));

        assertThat(answeredTwice.duplicated()).isEqualTo(1);
        assertThat(letteredTwice.duplicated()).isEqualTo(1);
        assertThat(both.duplicated()).isEqualTo(1);
        assertThat(both.lost()).isZero();
    }

    @Test
    void inputsSharingAnIdentityNeedAsManyAnswers() {
        List<SentRecord> twins = List.of(sent(0, 0, "s1", 5), sent(1, 3, "s1", 5));

        assertThat(matcher.match(twins, List.of(new Identity("s1", 5), new Identity("s1", 5)), List.of())
                .exactlyOnce()).isTrue();
        assertThat(matcher.match(twins, List.of(new Identity("s1", 5)), List.of()).lost()).isEqualTo(1);
    }

    @Test
    void aDeadLetterFromTheRekeyedTopicIsMatchedByTheIdentityOfItsBytes() {
        DeadLetter rekeyed = new DeadLetter("t-events-rekeyed", 3, 99, new Identity("s1", 1));

        OutcomeTally tally = matcher.match(List.of(sent(0, 0, "s1", 1)), List.of(), List.of(rekeyed));

        assertThat(tally.exactlyOnce()).isTrue();
    }

    @Test
    void outcomesThatNameNoInputAreUnexpected() {
        OutcomeTally tally = matcher.match(List.of(sent(0, 0, "s1", 1)),
                List.of(new Identity("s1", 1), new Identity("stranger", 1)),
                List.of(letter(0, 42), new DeadLetter(null, -1, -1, null)));

        assertThat(tally.unexpected()).isEqualTo(3);
        assertThat(tally.lost()).isZero();
        assertThat(tally.exactlyOnce()).isFalse();
    }
}
