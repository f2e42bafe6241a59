package io.streamrec.schemas.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Archives the way someone who is not the trainer would make them: a signed bundle with an entry rewritten (its
 * signature entry kept), an archive of any entries at all, and a ZIP bomb. Shared with the streams app's and the
 * end-to-end tests.
 */
public final class BundleZips {
    private static final int BLOCK = 1024 * 1024;

    private BundleZips() {
    }

    /** A bundle's entries by name, in archive order. */
    public static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** An archive of exactly these entries, in this order (names may repeat through {@link #zipOf(String...)}). */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An archive of empty entries with these names, repeats included (ZipOutputStream itself refuses repeats). */
    public static byte[] zipOf(String... names) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String name : names) {
            bytes.writeBytes(localHeader(name, 0));
        }
        return bytes.toByteArray();
    }

    /** {@code zip} with entry {@code name} replaced by (or, if absent, added as) {@code content}. */
    public static byte[] withEntry(byte[] zip, String name, byte[] content) {
        Map<String, byte[]> entries = entries(zip);
        entries.put(name, content);
        return zip(entries);
    }

    /**
     * {@code signed} with the named entries taken from {@code donor}, its signature entry kept: what someone without
     * the key makes of a signed bundle, e.g. items rewritten together with the manifest carrying their new checksum.
     */
    public static byte[] graft(byte[] signed, byte[] donor, String... names) {
        Map<String, byte[]> entries = entries(signed);
        Map<String, byte[]> donated = entries(donor);
        for (String name : names) {
            entries.put(name, donated.get(name));
        }
        return zip(entries);
    }

    /** {@code zip} without entry {@code name}. */
    public static byte[] withoutEntry(byte[] zip, String name) {
        Map<String, byte[]> entries = entries(zip);
        entries.remove(name);
        return zip(entries);
    }

    /** {@code text} as UTF-8, for entry contents. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One deflated entry that inflates to {@code inflatedBytes} zeros (a whole number of MiB) from about a
     * thousandth of that, with sizes of 0 declared in its header. Made without deflating gigabytes: each MiB of zeros
     * compressed with a full flush is the same block, so the block is repeated. The entry is never finished (no CRC,
     * no central directory): a reader that inflates all of it has already failed the test.
     */
    public static byte[] bomb(String name, long inflatedBytes) {
        byte[] block = deflatedZerosBlock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(localHeader(name, 8));
        for (long written = 0; written < inflatedBytes; written += BLOCK) {
            bytes.writeBytes(block);
        }
        bytes.writeBytes(new byte[] {3, 0}); // the final, empty, fixed-Huffman block
        return bytes.toByteArray();
    }

    private static byte[] deflatedZerosBlock() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(new byte[BLOCK]);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length);
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** A local file header with no sizes and no CRC (bit 3: "given after the data"), method 0 (stored) or 8. */
    private static byte[] localHeader(String name, int method) {
        byte[] nameBytes = utf8(name);
        return ByteBuffer.allocate(30 + nameBytes.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0x04034b50).putShort((short) 20).putShort((short) (method == 8 ? 0x0008 : 0))
                .putShort((short) method).putShort((short) 0).putShort((short) 0x21)
                .putInt(0).putInt(0).putInt(0).putShort((short) nameBytes.length).putShort((short) 0)
                .put(nameBytes).array();
    }
}
