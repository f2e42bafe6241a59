package io.streamrec.cli.options;

import picocli.CommandLine.Option;

/**
 * {@code --quick}, for the long-running measurements: small sizes for a development run. Each option whose default it
 * changes says so in its description; an option given explicitly always wins.
 */
public final class QuickOption {
    @Option(names = "--quick", description = "A short development run at small sizes: each option says what its "
            + "default is with --quick; options given explicitly still win.")
    boolean quick;

    public boolean on() {
        return quick;
    }

    /** {@code given} when the option was given (not null), else its default for a quick or a full run. */
    public <T> T or(T given, T quickDefault, T fullDefault) {
        return given != null ? given : quick ? quickDefault : fullDefault;
    }
}
