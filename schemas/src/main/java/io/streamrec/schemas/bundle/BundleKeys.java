package io.streamrec.schemas.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys for signing model bundles, as files. Both are PEM, the layout OpenSSL and most tools read and write:
 * the private key is PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), the public key X.509 SubjectPublicKeyInfo
 * ({@code -----BEGIN PUBLIC KEY-----}). {@code openssl genpkey -algorithm ed25519 -out model-signing.key} and
 * {@code openssl pkey -in model-signing.key -pubout -out model-signing.pub} make a pair these read.
 */
public final class BundleKeys {
    public static final String ALGORITHM = "Ed25519";
    /** File names {@code keygen} writes. */
    public static final String PRIVATE_KEY_FILE = "model-signing.key";
    public static final String PUBLIC_KEY_FILE = "model-signing.pub";

    private static final String PRIVATE_PEM = "PRIVATE KEY";
    private static final String PUBLIC_PEM = "PUBLIC KEY";

    private BundleKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM from 15 on has " + ALGORITHM, e);
        }
    }

    /** Writes the private key readable by its owner only (where the file system has POSIX permissions). */
    public static void writePrivateKey(Path file, PrivateKey key) {
        write(file, pem(PRIVATE_PEM, key.getEncoded()), true);
    }

    public static void writePublicKey(Path file, PublicKey key) {
        write(file, pem(PUBLIC_PEM, key.getEncoded()), false);
    }

    public static PrivateKey readPrivateKey(Path file) {
        byte[] der = der(file, PRIVATE_PEM);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an " + ALGORITHM + " private key: " + e.getMessage(), e);
        }
    }

    public static PublicKey readPublicKey(Path file) {
        byte[] der = der(file, PUBLIC_PEM);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an " + ALGORITHM + " public key: " + e.getMessage(), e);
        }
    }

    /** The first 16 hex digits of the SHA-256 of the key's X.509 encoding: names a key in logs and refusals. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + " is not a PEM file with a '" + begin + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " holds invalid base64 in its PEM block", e);
        }
    }

    private static void write(Path file, String content, boolean secret) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (secret && Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                // Created owner-only, so that the key is never readable by others, not even for a moment.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            // A key is never overwritten: replacing a signing key silently would lock out every serving instance.
            throw new IllegalStateException(file + " already exists; not overwriting a key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key file " + file, e);
        }
    }
}
