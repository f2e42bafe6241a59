package io.streamrec.schemas.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a bundle's ZIP in two passes, so that nothing the size of an entry is kept before the entry is known to be
 * within the {@link BundleLimits} and, where a signature is required, signed.
 *
 * <ol>
 *   <li>{@link #survey}: inflates every entry into a digest, counting the bytes as they come out and stopping at the
 *       first limit passed; names must be known and appear once. Keeps only the (small) signature entry.</li>
 *   <li>{@link #read}: inflates again, into arrays of exactly the sizes the survey measured.</li>
 * </ol>
 *
 * Inflating twice costs a fraction of what loading a model into ONNX Runtime does, and it means a ZIP bomb costs
 * CPU up to the limit, never memory.
 */
final class BundleArchive {
    private static final int BUFFER_BYTES = 64 * 1024;
    /** A signature entry is about a hundred bytes. */
    static final int MAX_SIGNATURE_BYTES = 64 * 1024;

    /** What the first pass found: each entry's size and digest, and the signature entry if there is one. */
    record Survey(Map<String, SignedContent.Entry> entries, Optional<byte[]> signature) {
    }

    private BundleArchive() {
    }

    static Survey survey(byte[] zip, BundleLimits limits) throws InvalidBundleException {
        Map<String, SignedContent.Entry> entries = new LinkedHashMap<>();
        byte[] signature = null;
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = checkName(entry.getName(), entries, limits);
                boolean isSignature = name.equals(ModelBundleCodec.SIGNATURE);
                long entryLimit = isSignature ? MAX_SIGNATURE_BYTES : limits.maxEntryBytes();
                ByteArrayOutputStream kept = isSignature ? new ByteArrayOutputStream() : null;
                MessageDigest digest = sha256();
                long size = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    size += n;
                    total += n;
                    if (size > entryLimit) {
                        throw new InvalidBundleException("entry " + name + " inflates past "
                                + BundleLimits.size(entryLimit));
                    }
                    if (total > limits.maxTotalBytes()) {
                        throw new InvalidBundleException("entries inflate past "
                                + BundleLimits.size(limits.maxTotalBytes()) + " in all");
                    }
                    digest.update(buffer, 0, n);
                    if (kept != null) {
                        kept.write(buffer, 0, n);
                    }
                }
                entries.put(name, new SignedContent.Entry(size, digest.digest()));
                if (kept != null) {
                    signature = kept.toByteArray();
                }
            }
        } catch (IOException e) {
            throw new InvalidBundleException("not a readable bundle archive: " + e.getMessage(), e);
        }
        return new Survey(entries, Optional.ofNullable(signature));
    }

    /** Every entry's bytes, by name; {@code survey} must be this archive's. */
    static Map<String, byte[]> read(byte[] zip, Survey survey) throws InvalidBundleException {
        Map<String, byte[]> contents = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                SignedContent.Entry surveyed = survey.entries().get(entry.getName());
                if (surveyed == null || contents.containsKey(entry.getName())) {
                    throw new IllegalStateException("the archive changed between its two reads");
                }
                byte[] bytes = new byte[(int) surveyed.size()];
                if (in.readNBytes(bytes, 0, bytes.length) != bytes.length || in.read() != -1) {
                    throw new IllegalStateException("entry " + entry.getName() + " changed size between two reads");
                }
                contents.put(entry.getName(), bytes);
            }
        } catch (IOException e) {
            throw new InvalidBundleException("not a readable bundle archive: " + e.getMessage(), e);
        }
        return contents;
    }

    private static String checkName(String name, Map<String, SignedContent.Entry> seen, BundleLimits limits)
            throws InvalidBundleException {
        if (seen.size() >= limits.maxEntries()) {
            throw new InvalidBundleException("bundle has more than " + limits.maxEntries() + " entries");
        }
        if (!ModelBundleCodec.ENTRY_NAMES.contains(name)) {
            throw new InvalidBundleException("unknown entry '" + printable(name) + "' (a bundle holds only "
                    + String.join(", ", ModelBundleCodec.ENTRY_NAMES) + ")");
        }
        if (seen.containsKey(name)) {
            throw new InvalidBundleException("entry " + name + " appears more than once");
        }
        return name;
    }

    /** A name from the archive as it may appear in a log line: short, one line. */
    private static String printable(String name) {
        String shown = name.length() > 80 ? name.substring(0, 80) + "..." : name;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
