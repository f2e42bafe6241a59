package io.streamrec.schemas.bundle;

/**
 * The small record that completes a bundle sent in chunks, written under the model name after every chunk: which
 * version, how many chunks, how many bytes in all and their SHA-256. A reader assembles a bundle only when this
 * record arrives and everything it names has been received and checks out.
 */
public record ChunkManifest(String name, long version, int chunks, long totalBytes, String sha256) {
}
