package io.streamrec.trainer.data;

import io.streamrec.trainer.data.DatasetFormat;
import picocli.CommandLine.ITypeConverter;

/** {@code --format} values: the formats' command-line names ({@code gru-tsv}, {@code yoochoose}, ...). */
public final class DatasetFormatConverter implements ITypeConverter<DatasetFormat> {
    @Override
    public DatasetFormat convert(String value) {
        return DatasetFormat.parse(value);
    }
}
