package io.streamrec.trainer.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Small data files the reader tests write, and their sessions by id. */
final class DataFiles {
    private DataFiles() {
    }

    /** {@code dir/name} holding {@code lines}, each ended by a newline. */
    static Path write(Path dir, String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, lines.length == 0 ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    static Map<String, Session> byId(SessionDataset data) {
        return data.sessions().stream().collect(Collectors.toMap(Session::sessionId, Function.identity()));
    }
}
