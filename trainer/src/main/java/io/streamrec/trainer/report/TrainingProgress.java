package io.streamrec.trainer.report;

import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.ProgressListener;
import java.io.PrintStream;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The training progress bar, for any family, drawn by the progressbar library: the run's share done, epochs done of
 * all, the time spent and the time left (the current epoch's pace over what remains), the pace in epochs a minute,
 * and the last finished epoch's events a second.
 *
 * <p>On a terminal the bar redraws in place and is wiped when its epoch ends, so that the epoch's log line takes its
 * place. Elsewhere (a file, a pipe, CI) nothing is redrawn: one line per epoch, printed when the epoch ends, without a
 * carriage return. Each epoch has its own bar that starts from where the run stands, which is what keeps the
 * terminal free for the log lines between epochs.
 */
public final class TrainingProgress implements ProgressListener, AutoCloseable {
    /** Progress steps an epoch counts: fine enough for a smooth bar. */
    private static final long STEPS = 1000;

    private final String task;
    private final OptionalInt epochs;
    private final ProgressBarStyle style;
    private final int refreshMillis;
    private final EpochDisplay display;
    private long startedNanos = -1;
    private ProgressBar bar;
    private int barEpoch;
    private String lastEpoch = "";

    private TrainingProgress(String task, OptionalInt epochs, ProgressBarStyle style, int refreshMillis,
                             EpochDisplay display) {
        this.task = task;
        this.epochs = epochs;
        this.style = style;
        this.refreshMillis = refreshMillis;
        this.display = display;
    }

    /**
     * A bar redrawn in place on {@code terminal}.
     *
     * @param task   what the bar is labelled with
     * @param epochs the run's epochs, when the family's settings say (else the bar shows no total and no time left)
     */
    public static TrainingProgress onTerminal(String task, OptionalInt epochs, PrintStream terminal) {
        return new TrainingProgress(task, epochs, ProgressBarStyle.UNICODE_BLOCK, 500, new TerminalLine(terminal));
    }

    /** One line to {@code lines} as each epoch ends, drawn as the bar stands then. */
    public static TrainingProgress byEpoch(String task, OptionalInt epochs, Consumer<String> lines) {
        // drawn once, when the epoch's bar closes: the library's timer has nothing to redraw in between
        return new TrainingProgress(task, epochs, ProgressBarStyle.ASCII, Integer.MAX_VALUE, new EpochLine(lines));
    }

    @Override
    public synchronized void progress(int epoch, double fraction) {
        barFor(epoch).stepTo((epoch - 1) * STEPS + Math.round(Math.min(1.0, fraction) * STEPS));
    }

    @Override
    public synchronized void epochDone(EpochStats stats) {
        lastEpoch = String.format(Locale.ROOT, ", %,.0f events/s", stats.eventsPerSecond());
        barFor(stats.epoch()).stepTo(stats.epoch() * STEPS).setExtraMessage(lastEpoch);
        closeBar();
    }

    /** Ends the current epoch's bar, if one is open (a run stopped mid-epoch). */
    @Override
    public synchronized void close() {
        closeBar();
    }

    private ProgressBar barFor(int epoch) {
        if (bar != null && barEpoch == epoch) {
            return bar;
        }
        closeBar();
        long now = System.nanoTime();
        if (startedNanos < 0) {
            startedNanos = now;
        }
        bar = new ProgressBarBuilder().setTaskName(task)
                .setInitialMax(epochs.isPresent() ? epochs.getAsInt() * STEPS : -1)
                .startsFrom((epoch - 1) * STEPS, Duration.ofNanos(now - startedNanos))
                .setUnit(" epochs", STEPS).showSpeed(new DecimalFormat("0.0")).setSpeedUnit(ChronoUnit.MINUTES)
                .setStyle(style).setUpdateIntervalMillis(refreshMillis).setConsumer(display).build();
        bar.setExtraMessage(lastEpoch);
        barEpoch = epoch;
        return bar;
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();   // draws the bar's final state, synchronously
            bar = null;
            display.barClosed();
        }
    }

    /** Where the bars are drawn, and what becomes of a bar whose epoch has ended. */
    private interface EpochDisplay extends ProgressBarConsumer {
        void barClosed();
    }

    /** A terminal line, redrawn in place from its start, and wiped when the bar closes. */
    private static final class TerminalLine extends ConsoleProgressBarConsumer implements EpochDisplay {
        private final PrintStream terminal;

        TerminalLine(PrintStream terminal) {
            super(terminal);
            this.terminal = terminal;
        }

        @Override
        public void close() {
            // the library ends its bar with a new line; the wipe below leaves the line to the epoch's log line
            terminal.flush();
        }

        @Override
        public void barClosed() {
            clear();
            terminal.flush();
        }
    }

    /** Keeps the bar's latest drawing and hands it on as one line when the bar closes. */
    private static final class EpochLine implements EpochDisplay {
        private static final int WIDTH = 110;
        private final Consumer<String> lines;
        private volatile String drawn;

        EpochLine(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
        }

        @Override
        public void accept(String rendered) {
            drawn = rendered;
        }

        @Override
        public void close() {
        }

        @Override
        public void barClosed() {
            if (drawn != null) {
                lines.accept(drawn.stripTrailing());
                drawn = null;
            }
        }
    }
}
