package io.streamrec.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * While the demo runs, its console shows the demo: every log line goes to a file, and the console appenders let
 * through only ERROR, so that a real failure is still seen where the demo is watched. {@link #close()} puts the
 * console back as it was. Other commands never call this and log to the console as configured.
 */
final class DemoLogging implements AutoCloseable {
    private static final String PATTERN = "%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n";

    private final Logger root;
    private final FileAppender<ILoggingEvent> file;
    private final List<ThresholdFilter> consoleFilters;

    private DemoLogging(Logger root, FileAppender<ILoggingEvent> file, List<ThresholdFilter> consoleFilters) {
        this.root = root;
        this.file = file;
        this.consoleFilters = consoleFilters;
    }

    /**
     * Sends logging to {@code logFile} (overwritten) and keeps only ERROR on the console. Returns a handle that undoes
     * it; with another SLF4J backend than Logback it changes nothing.
     */
    static DemoLogging toFile(Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new DemoLogging(null, null, List.of());
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<ThresholdFilter> filters = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            ThresholdFilter errorsOnly = new ThresholdFilter();
            errorsOnly.setLevel(Level.ERROR.levelStr);
            errorsOnly.start();
            appender.addFilter(errorsOnly);
            filters.add(errorsOnly);
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("demo-file");
        file.setFile(logFile.toString());
        file.setAppend(false);
        file.setEncoder(encoder);
        file.start();
        root.addAppender(file);
        return new DemoLogging(root, file, filters);
    }

    @Override
    public void close() {
        if (root == null) {
            return;
        }
        root.detachAppender(file);
        file.stop();
        // Logback has no way to remove one filter; stopping it makes it neutral, so the console is as before.
        consoleFilters.forEach(ThresholdFilter::stop);
    }
}
