package org.descentlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and MD5 digests as lower-case hex strings. */
public final class Checksums {

    private Checksums() {}

    /** SHA-256 of a byte array. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
    }

    /** SHA-256 of a file, read as a stream. */
    public static String sha256(Path file) {
        return ofFile(file, "SHA-256");
    }

    /** MD5 of a file, read as a stream. */
    public static String md5(Path file) {
        return ofFile(file, "MD5");
    }

    private static String ofFile(Path file, String algorithm) {
        MessageDigest md = digest(algorithm);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to compute its " + algorithm, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JDK", e);
        }
    }
}
