package io.streamrec.schemas.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

class SettingOptionsTest {
    static final SettingGroup GROUP = SettingsTest.GROUP;

    @Command(name = "probe", mixinStandardHelpOptions = true, modelTransformer = Probe.Options.class)
    static final class Probe implements Callable<Integer> {
        @CommandLine.Spec
        CommandSpec spec;
        Settings seen;

        @Override
        public Integer call() {
            seen = SettingOptions.values(spec, GROUP);
            return 0;
        }

        static final class Options implements CommandLine.IModelTransformer {
            @Override
            public CommandSpec transform(CommandSpec spec) {
                return SettingOptions.addTo(spec, GROUP);
            }
        }
    }

    @Test
    void flagsSetTheirSettingsAndTheRestKeepDefaults() {
        Probe probe = new Probe();
        assertEquals(0, new CommandLine(probe).execute("--hidden-size", "64", "--nesterov=false", "--session-gap=2h"));
        assertEquals(64, probe.seen.get(SettingsTest.HIDDEN));
        assertEquals(false, probe.seen.get(SettingsTest.NESTEROV));
        assertEquals(java.time.Duration.ofHours(2), probe.seen.get(SettingsTest.GAP));
        assertEquals(0.05, probe.seen.get(SettingsTest.RATE));
    }

    @Test
    void aSwitchAloneTurnsItsSettingOn() {
        Probe probe = new Probe();
        new CommandLine(probe).execute("--nesterov");
        assertEquals(true, probe.seen.get(SettingsTest.NESTEROV));
    }

    @Test
    void theDefaultProviderFeedsTheOptionsLikeTheCommandLine() {
        Probe probe = new Probe();
        CommandLine cli = new CommandLine(probe);
        Map<String, String> environment = Map.of("--hidden-size", "33");
        cli.setDefaultValueProvider(arg -> arg instanceof CommandLine.Model.OptionSpec o
                ? environment.get(o.longestName()) : null);
        cli.execute();
        assertEquals(33, probe.seen.get(SettingsTest.HIDDEN));
    }

    @Test
    void aRefusedValueIsAUsageErrorNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Probe());
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--hidden-size", "0"));
        assertTrue(err.toString().startsWith("--hidden-size: must be from 1 to 4096, got 0"), err.toString());
    }

    @Test
    void helpShowsEachSettingsDefaultAndRange() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Probe());
        cli.setOut(new PrintWriter(out));
        cli.execute("--help");
        assertTrue(out.toString().contains("--session-gap=DURATION"), out.toString());
        assertTrue(out.toString().contains("(default: 30m;"), out.toString());
    }
}
