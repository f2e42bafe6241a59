package io.streamrec.trainer;

import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.DatasetFormat;
import io.streamrec.trainer.data.DatasetReaders;
import io.streamrec.trainer.data.GruTsvWriter;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SessionPreprocessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Command(name = "preprocess", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainerSettings.Options.class,
        description = {
            "Read session data in any supported layout, apply the standard GRU4Rec filtering and time split, and write",
            "DIR/train.tsv and DIR/test.tsv in GRU4Rec TSV (SessionId, ItemId, Time) for train, evaluate and baselines:",
            "drop sessions of length 1, keep items with at least 5 clicks, drop sessions of length 1 again, test = the",
            "sessions whose last click is in the last day of the data, drop test clicks on items unseen in training and",
            "then test sessions shorter than 2. Prints the sessions, clicks and items left after each step.",
            "Data that comes split (sequence files: a directory or all_train_seq.tsv with test.tsv beside it) keeps its",
            "split; only the unseen-item filter is applied to its test sessions."
        })
public final class PreprocessCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR", description = "The raw data.")
    Path input;

    @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "Where train.tsv and test.tsv go.")
    Path outputDir;

    @CommandLine.Spec
    CommandSpec spec;

    private ReportOutput reportOutput;

    @Override
    public Integer call() throws Exception {
        Settings options = TrainerSettings.values(spec);
        reportOutput = new ReportOutput(options.get(TrainerSettings.JSON));
        SessionPreprocessor preprocessor = new SessionPreprocessor(new SessionPreprocessor.Options(
                options.get(TrainerSettings.MIN_SESSION_LENGTH), options.get(TrainerSettings.MIN_ITEM_SUPPORT),
                options.get(TrainerSettings.TEST_PERIOD), options.get(TrainerSettings.MIN_TEST_SESSION_LENGTH)));
        DatasetFormat actual = DatasetReaders.resolve(input, options.get(TrainerSettings.FORMAT));
        log("reading " + input + " as " + actual.cliName());
        long started = System.nanoTime();
        Optional<SessionDataset.Split> given = DatasetReaders.readSplit(input, actual);
        SessionPreprocessor.Result result = given.isPresent() ? preprocessor.filterTest(given.get())
                : preprocessor.process(DatasetReaders.read(input, actual));
        Files.createDirectories(outputDir);
        Path train = outputDir.resolve("train.tsv");
        Path test = outputDir.resolve("test.tsv");
        GruTsvWriter.write(result.split().train(), train);
        GruTsvWriter.write(result.split().test(), test);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (reportOutput.json()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("input", input.toString());
            report.put("format", actual.cliName());
            report.put("steps", result.steps().stream().map(s -> {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("step", s.name());
                step.put("sessions", s.sessions());
                step.put("events", s.events());
                step.put("items", s.items());
                return step;
            }).toList());
            report.put("train", train.toString());
            report.put("test", test.toString());
            report.put("seconds", seconds);
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            for (SessionPreprocessor.Step step : result.steps()) {
                System.out.println("  " + step);
            }
            log(String.format("wrote %s and %s (%.1f s)", train, test, seconds));
        }
        return 0;
    }

    private void log(String line) {
        reportOutput.log("preprocess", line);
    }
}
