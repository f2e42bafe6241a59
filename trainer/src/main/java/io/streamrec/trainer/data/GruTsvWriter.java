package io.streamrec.trainer.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes sessions in the GRU4Rec TSV format that {@link GruTsvReader} and the official tools read. */
public final class GruTsvWriter {
    private GruTsvWriter() {
    }

    public static void write(SessionDataset dataset, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("SessionId\tItemId\tTime\n");
            for (Session s : dataset.sessions()) {
                for (int i = 0; i < s.length(); i++) {
                    out.write(s.sessionId());
                    out.write('\t');
                    out.write(s.items().get(i));
                    out.write('\t');
                    out.write(String.format(Locale.ROOT, "%.3f", s.timestampsMs().get(i) / 1000.0));
                    out.write('\n');
                }
            }
        }
    }
}
