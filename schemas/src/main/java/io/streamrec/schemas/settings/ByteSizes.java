package io.streamrec.schemas.settings;

import java.util.Locale;

/** Sizes in bytes, written plain ({@code 65536}) or with a unit: {@code KiB/MiB/GiB} (1024s) or {@code kB/MB/GB}. */
public final class ByteSizes {
    private static final String[] BINARY = {"gib", "mib", "kib"};
    private static final String[] DECIMAL = {"gb", "mb", "kb"};

    private ByteSizes() {
    }

    public static long parse(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        for (int i = 0; i < BINARY.length; i++) {
            long unit = 1L << (10 * (BINARY.length - i));
            if (v.endsWith(BINARY[i])) {
                return Math.multiplyExact(Long.parseLong(v.substring(0, v.length() - BINARY[i].length())), unit);
            }
        }
        for (int i = 0; i < DECIMAL.length; i++) {
            long unit = (long) Math.pow(1000, DECIMAL.length - i);
            if (v.endsWith(DECIMAL[i])) {
                return Math.multiplyExact(Long.parseLong(v.substring(0, v.length() - DECIMAL[i].length())), unit);
            }
        }
        return Long.parseLong(v.endsWith("b") ? v.substring(0, v.length() - 1) : v);
    }

    /** The largest binary unit that states {@code bytes} exactly: {@code 64KiB}, {@code 1MiB}, {@code 1000}. */
    public static String format(long bytes) {
        for (int i = 0; i < BINARY.length; i++) {
            long unit = 1L << (10 * (BINARY.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + new String[] {"GiB", "MiB", "KiB"}[i];
            }
        }
        return String.valueOf(bytes);
    }
}
