package io.streamrec.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * streamrec's side: {@code streamrec train} in a child JVM started as this one was (the same java, JVM options, class
 * path), so that its peak memory is training's alone and its JIT starts cold, as a user's {@code train} does. It reads
 * no streamrec settings from the environment or a config file (it runs in the work directory, without the
 * {@code STREAMREC_*} variables): the row's parameter set is all it is told, as the reference is.
 */
final class StreamrecSide implements TrainSide {
    /** The system properties the launcher sets that the trainer reads (DJL's offline mode). */
    private static final String FORWARDED_PROPERTIES = "ai.djl.";

    private final String java;
    /** The JVM's options, class path and main class, one argument a line, for {@code java @FILE}. */
    private final Path argumentFile;
    private final int epochs;
    private final long seed;

    private StreamrecSide(String java, Path argumentFile, int epochs, long seed) {
        this.java = java;
        this.argumentFile = argumentFile;
        this.epochs = epochs;
        this.seed = seed;
    }

    /**
     * A side whose children are started as this JVM was, with {@code mainClass}. Its options, class path and main
     * class go to an argument file in {@code directory}, which the children's command lines name instead: {@code train}
     * has been seen to crash (SIGSEGV, after evaluating) when its command line is longer than about 4 KB, which a
     * class path of Maven repository paths is.
     */
    static StreamrecSide likeThisJvm(String mainClass, int epochs, long seed, Path directory) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> arguments = new ArrayList<>(options);
        // set by a test runner inside the JVM rather than on its command line; the child needs them all the same
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(p -> p.startsWith(FORWARDED_PROPERTIES))
                .filter(p -> options.stream().noneMatch(o -> o.startsWith("-D" + p + "=")))
                .forEach(p -> arguments.add("-D" + p + "=" + System.getProperty(p)));
        arguments.add("-cp");
        arguments.add(System.getProperty("java.class.path"));
        arguments.add(mainClass);
        Path file = directory.resolve("streamrec-jvm.args");
        Files.write(file, arguments.stream().map(StreamrecSide::quoted).toList());
        return new StreamrecSide(java, file, epochs, seed);
    }

    /** One argument as an argument file reads it: in double quotes, with backslashes and quotes escaped. */
    private static String quoted(String argument) {
        return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public String name() {
        return "streamrec";
    }

    @Override
    public List<String> command(TrainRow row, TrainBenchData data) {
        List<String> command = new ArrayList<>(List.of(java, "@" + argumentFile));
        command.addAll(List.of("train", "--params", row.name(), "--data", data.train().toString(), "--test-data",
                data.test().toString(), "--format", "gru-tsv", "--set", "epochs=" + epochs, "--set", "seed=" + seed,
                "--json"));
        return command;
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        environment.keySet().removeIf(k -> k.startsWith("STREAMREC_"));
        return environment;
    }

    @Override
    public Predicate<String> trainedLine(TrainRow row) {
        String last = "[train] epoch " + epochs + "/" + epochs + ":";
        return line -> line.startsWith(last);
    }

    /** From the epochs {@code train --json} reports: each epoch's events and seconds. */
    @Override
    public Trained figures(MeasuredProcess.Result run) {
        String out = String.join("\n", run.out());
        int start = out.indexOf('{');
        if (start < 0) {
            throw new IllegalStateException("train printed no JSON report (last line: " + run.lastLine() + ")");
        }
        JsonNode epochs;
        try {
            epochs = new ObjectMapper().readTree(out.substring(start)).path("epochs");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("train's JSON report does not parse: " + e.getMessage(), e);
        }
        long events = 0;
        double seconds = 0;
        for (JsonNode epoch : epochs) {
            events += epoch.path("events").asLong();
            seconds += epoch.path("seconds").asDouble();
        }
        if (epochs.isEmpty() || events <= 0 || seconds <= 0) {
            throw new IllegalStateException("train's JSON report has no epoch figures");
        }
        return new Trained(events, seconds);
    }

    @Override
    public String whenItCannotStart() {
        return "run bench-train with a JDK whose java can be started again, as ./streamrec does";
    }

    @Override
    public String failure(MeasuredProcess.Result run) {
        return run.lastLine();
    }
}
