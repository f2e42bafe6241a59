package io.streamrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * No Docker engine runs here, so the compose file's streamrec commands are checked the way the container would
 * run them: parsed by the real command line. A renamed option then fails here, not in someone's deployment.
 */
class ComposeCommandsTest {
    private static final Pattern COMMAND = Pattern.compile("^\\s*command:\\s*(\\[\".*\\])\\s*$");

    @Test
    void everyStreamrecCommandInTheComposeFileParses() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("..", "docker-compose.yml"))) {
            Matcher m = COMMAND.matcher(line);
            if (m.matches()) {
                commands.add(List.of(new ObjectMapper().readValue(m.group(1), String[].class)));
            }
        }
        assertThat(commands).extracting(c -> c.get(0)).contains("serve", "train", "replay");
        for (List<String> command : commands) {
            String[] args = command.toArray(String[]::new);
            CommandLine cli = StreamrecCommand.commandLine(args);
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            assertThat(parsed.hasSubcommand()).as("%s names a subcommand", command).isTrue();
            assertThat(parsed.subcommand().unmatched()).as("%s has no unknown options", command).isEmpty();
        }
    }
}
