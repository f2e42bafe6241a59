package io.streamrec.bench;

import io.streamrec.schemas.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference implementation's side: its own {@code run.py} on the row's training file, the row's setting as its
 * parameter string, on the CPU. It is only run, never changed; its figures are read from the line it prints per epoch,
 * {@code Epoch1 --> loss: 0.580068 (184.51s) [10.89 mb/s | 1394 e/s]}.
 */
final class ReferenceSide implements TrainSide {
    /** Where {@code --python} points when not given: Debian's, whose packages the reference runs with. */
    static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
    static final String INSTALL = "install torch, pandas and joblib for it (Debian: apt-get install python3-torch"
            + " python3-pandas python3-joblib) or give --python one that has them";

    private static final Pattern EPOCH = Pattern.compile(
            "Epoch\\d+ --> loss: \\S+\\s+\\((\\d+(?:\\.\\d+)?)s\\)\\s+\\[\\S+ mb/s \\| (\\d+(?:\\.\\d+)?) e/s]");
    private static final Pattern MISSING_MODULE = Pattern.compile("No module named '([^']+)'");
    private static final String TRAINED = "Total training time";

    private final Path runPy;
    private final String python;

    private ReferenceSide(Path runPy, String python) {
        this.runPy = runPy;
        this.python = python;
    }

    /**
     * The reference checked out in {@code directory}, run by {@code python} (null: {@link #defaultPython()}).
     *
     * @throws UserError when {@code directory} has no {@code run.py}
     */
    static ReferenceSide at(Path directory, String python) {
        Path runPy = directory.toAbsolutePath().resolve("run.py");
        if (!Files.isRegularFile(runPy)) {
            throw new UserError("no run.py in " + directory.toAbsolutePath() + ": --reference must name a checkout"
                    + " of GRU4Rec's reference implementation", "give --reference the directory that holds run.py");
        }
        return new ReferenceSide(runPy, python != null ? python : defaultPython());
    }

    static String defaultPython() {
        return Files.isExecutable(SYSTEM_PYTHON) ? SYSTEM_PYTHON.toString() : "python3";
    }

    String python() {
        return python;
    }

    Path directory() {
        return runPy.getParent();
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public List<String> command(TrainRow row, TrainBenchData data) {
        return List.of(python, runPy.toString(), data.train().toString(), "-ps", ReferenceParameters.of(row), "-d",
                "cpu");
    }

    @Override
    public Map<String, String> environment() {
        return System.getenv();
    }

    @Override
    public Predicate<String> trainedLine(TrainRow row) {
        return line -> line.startsWith(TRAINED);
    }

    /** Events from each epoch's rate times its time: the reference prints no count. */
    @Override
    public Trained figures(MeasuredProcess.Result run) {
        double events = 0;
        double seconds = 0;
        int epochs = 0;
        for (String line : run.out()) {
            Matcher m = EPOCH.matcher(line);
            if (m.find()) {
                double epochSeconds = Double.parseDouble(m.group(1));
                events += Double.parseDouble(m.group(2)) * epochSeconds;
                seconds += epochSeconds;
                epochs++;
            }
        }
        if (epochs == 0 || seconds <= 0) {
            throw new IllegalStateException("the reference printed no epoch line (last line: " + run.lastLine() + ")");
        }
        return new Trained(Math.round(events), seconds);
    }

    @Override
    public String whenItCannotStart() {
        return "give --python a Python 3 that has torch, pandas and joblib (Debian: python3-torch python3-pandas"
                + " python3-joblib)";
    }

    /** A Python without the reference's modules fails every row alike: that is the setup's failure, said once. */
    @Override
    public String failure(MeasuredProcess.Result run) {
        for (List<String> lines : List.of(run.err(), run.out())) {
            for (String line : lines) {
                Matcher m = MISSING_MODULE.matcher(line);
                if (m.find()) {
                    throw new UserError("the reference needs the Python module '" + m.group(1) + "', which "
                            + python + " lacks", INSTALL);
                }
            }
        }
        return run.lastLine();
    }
}
