package io.streamrec.schemas.bundle;

/**
 * One slice of a bundle's bytes. Each chunk repeats the chunk count and total size, so that a reader can check the
 * declared size against its limit before it buffers anything.
 */
public record BundleChunk(String name, long version, int index, int chunks, long totalBytes, byte[] data) {
}
