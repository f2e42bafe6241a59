package io.streamrec.torture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MutatorTest {
    private static final long TIME = 1_700_000_000_000L;

    private static Optional<Identity> identity(FuzzRecord record) {
        return Identity.expected(record.value(), record.timestamp());
    }

    @Test
    void aValidEventIsAnsweredUnderItsSessionAndTime() {
        FuzzRecord click = new EventFactory(new EventClock(TIME)).click("s-1", "u-1", "i-1");

        assertThat(identity(click)).contains(new Identity("s-1", TIME));
        assertThat(new String(click.key(), StandardCharsets.UTF_8)).isEqualTo("s-1");
        assertThat(click.mutation()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = Mutation.class, names = {"EMPTY_VALUE", "NULL_VALUE", "JSON_NULL", "NOT_AN_OBJECT",
        "NEGATIVE_TIMESTAMP"})
    void mutationsTheAppMustDeadLetterHaveNoIdentity(Mutation mutation) {
        Mutator mutator = new Mutator(new Random(1));
        for (int i = 0; i < 50; i++) {
            assertThat(identity(mutator.mutate("s-1", "u-1", "i-1", TIME, mutation))).as("%s #%d", mutation, i)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mutation.class, names = {"BOM", "UTF16"})
    void encodingsOtherThanPlainUtf8AreDeadLettered(Mutation mutation) {
        Mutator mutator = new Mutator(new Random(2));
        for (int i = 0; i < 50; i++) {
            assertThat(identity(mutator.mutate("s-1", "u-1", "i-1", TIME, mutation))).as("%s #%d", mutation, i)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mutation.class, names = {"WRONG_KEY", "NO_KEY"})
    void mutationsOfTheKeyKeepTheEventsIdentity(Mutation mutation) {
        Mutator mutator = new Mutator(new Random(2));
        for (int i = 0; i < 50; i++) {
            FuzzRecord record = mutator.mutate("s-1", "u-1", "i-1", TIME, mutation);
            assertThat(identity(record)).as("%s #%d", mutation, i).contains(new Identity("s-1", TIME));
            assertThat(record.timestamp()).isEqualTo(TIME);
            assertThat(record.mutation()).isEqualTo(mutation);
        }
    }

    @Test
    void theOverlongSlashIsPredictedToBeDeadLetteredAsTheAppsParserRefusesIt() {
        // RFC 3629 forbids overlong forms: 0xC0 0xAF is not '/'
        FuzzRecord record = new Mutator(new Random(9)).mutate("s-1", "u-1", "i-1", TIME, Mutation.OVERLONG_UTF8);

        assertThat(identity(record)).isEmpty();
        assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).contains("i-1\u00c0\u00af\"");
    }

    @Test
    void wrongAndMissingKeysDifferFromTheSessionId() {
        Mutator mutator = new Mutator(new Random(3));
        for (int i = 0; i < 50; i++) {
            assertThat(mutator.mutate("s-1", "u-1", "i-1", TIME, Mutation.WRONG_KEY).key())
                    .isNotEqualTo("s-1".getBytes(StandardCharsets.UTF_8));
            byte[] key = mutator.mutate("s-1", "u-1", "i-1", TIME, Mutation.NO_KEY).key();
            assertThat(key == null || key.length == 0).isTrue();
        }
    }

    @Test
    void missingFieldsAndRepeatedFieldsLeadToTheIdentityTheAppDerives() {
        Mutator mutator = new Mutator(new Random(4));
        Set<Optional<Identity>> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(identity(mutator.mutate("s-1", "u-1", "i-1", TIME, Mutation.MISSING_FIELD)));
        }
        // no item or no session and user: dead letter; no session: the user's key; no time: the record's time
        assertThat(seen).contains(Optional.empty(), Optional.of(new Identity("user:u-1", TIME)),
                Optional.of(new Identity("s-1", TIME)));
        Set<String> sessions = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            identity(mutator.mutate("s-1", "u-1", "i-1", TIME, Mutation.DUPLICATE_FIELD))
                    .ifPresent(id -> sessions.add(id.sessionKey()));
        }
        // a field given twice is refused, whichever it is
        assertThat(sessions).as("events with a repeated field that were predicted an answer").isEmpty();
    }

    @Test
    void numericAndBooleanIdsAreDeadLetteredByTheDefaultStrictParser() {
        Mutator mutator = new Mutator(new Random(5));
        assertThat(identity(mutator.mutate("s-1", "u-1", "i-1", TIME, Mutation.NUMERIC_ID))).isEmpty();
        assertThat(identity(mutator.mutate("s-1", "u-1", "i-1", TIME, Mutation.BOOLEAN_ID))).isEmpty();
    }

    @Test
    void hugeIdsHaveTheAskedSizeInTheSessionOrTheItem() {
        Mutator mutator = new Mutator(new Random(6));
        FuzzRecord session = mutator.huge("s-1", "u-1", "i-1", TIME, 70_000, true);
        FuzzRecord item = mutator.huge("s-1", "u-1", "i-1", TIME, 70_000, false);

        assertThat(session.key()).hasSize(70_000);
        // over the app's id limit: dead letters
        assertThat(identity(session)).isEmpty();
        assertThat(identity(item)).isEmpty();
        assertThat(item.value().length).isGreaterThan(70_000);
        assertThat(item.mutation()).isEqualTo(Mutation.HUGE_ID);
    }

    @Test
    void drawsCoverEveryMutationButHugeIdsWhichAreSentApart() {
        Mutator mutator = new Mutator(new Random(7));
        Set<Mutation> drawn = EnumSet.noneOf(Mutation.class);
        for (int i = 0; i < 2_000; i++) {
            drawn.add(mutator.pick());
        }
        assertThat(drawn).isEqualTo(EnumSet.complementOf(EnumSet.of(Mutation.HUGE_ID)));
    }

    @Test
    void theSameSeedSpoilsTheSameWay() {
        FuzzRecord a = new Mutator(new Random(8)).mutate("s-1", "u-1", "i-1", TIME, Mutation.BYTE_FLIP);
        FuzzRecord b = new Mutator(new Random(8)).mutate("s-1", "u-1", "i-1", TIME, Mutation.BYTE_FLIP);

        assertThat(a.value()).isEqualTo(b.value());
        assertThat(a.value()).isNotEqualTo(Mutator.json("s-1", "u-1", "i-1", TIME).getBytes(StandardCharsets.UTF_8));
    }
}
