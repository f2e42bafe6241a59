package io.streamrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.schemas.UserError;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

class ComplaintsTest {

    @Command(name = "copy")
    static final class Copy {
        @Option(names = "--from")
        Path from;

        @Option(names = "--into")
        Path into;
    }

    private static CommandSpec copy(String... args) {
        CommandLine cli = new CommandLine(new Copy());
        cli.parseArgs(args);
        return cli.getCommandSpec();
    }

    @Test
    void aUserErrorIsFoundUnderWhateverWrapsIt() {
        UserError error = new UserError("the thing is wrong", "do the other thing");

        Complaint complaint = Complaints.of(new ExecutionException(new IllegalStateException(error)), copy());

        assertThat(complaint).isEqualTo(new Complaint("the thing is wrong", "do the other thing", false));
    }

    @Test
    void aMissingFileNamesTheClosestOptionThatLedToIt() {
        CommandSpec command = copy("--from", "data", "--into", "data/out/result.tsv");

        Complaint inFolder = Complaints.of(new NoSuchFileException("data/train.tsv"), command);
        Complaint exact = Complaints.of(new UncheckedIOException(new NoSuchFileException("data/out/result.tsv")),
                command);
        Complaint elsewhere = Complaints.of(new NoSuchFileException("/etc/none"), command);

        assertThat(inFolder.line()).isEqualTo("no such file or directory: data/train.tsv (give --from an existing file"
                + " or directory)");
        assertThat(exact.line()).isEqualTo("no such file or directory: data/out/result.tsv (give --into an existing"
                + " file or directory)");
        assertThat(elsewhere.line()).isEqualTo("no such file or directory: /etc/none (check the path)");
    }

    @Test
    void whatAWrapperSaysIsKeptInFrontOfTheCause() {
        Complaint complaint = Complaints.of(new UncheckedIOException("cannot read data/x.tsv",
                new NoSuchFileException("data/x.tsv")), copy());

        assertThat(complaint.line()).isEqualTo("cannot read data/x.tsv: no such file or directory (check the path)");
        assertThat(complaint.usage()).isFalse();
    }

    @Test
    void aRefusedValueIsAUsageErrorAndAnythingElseOffersTheStackTrace() {
        Complaint refused = Complaints.of(new IllegalArgumentException("rate must be positive"), copy());
        Complaint bug = Complaints.of(new IllegalStateException("the queue\nis gone"), copy());

        assertThat(refused.usage()).isTrue();
        assertThat(refused.line()).isEqualTo("rate must be positive (see `streamrec copy --help`)");
        assertThat(bug.usage()).isFalse();
        assertThat(bug.line()).isEqualTo("the queue; is gone (run with --verbose for the stack trace)");
    }
}
