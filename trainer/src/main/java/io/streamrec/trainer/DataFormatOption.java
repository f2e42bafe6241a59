package io.streamrec.trainer;

import io.streamrec.trainer.data.DatasetFormat;
import io.streamrec.trainer.data.DatasetFormatConverter;
import picocli.CommandLine.Option;

/** {@code --format}, declared once for every command that reads session data. */
public final class DataFormatOption {
    @Option(names = "--format", defaultValue = "auto", converter = DatasetFormatConverter.class,
            description = "Layout of the data files: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: by file name"
                    + " or header).")
    DatasetFormat format;

    DatasetFormat value() {
        return format;
    }
}
