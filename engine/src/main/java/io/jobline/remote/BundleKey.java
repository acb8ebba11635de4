package io.jobline.remote;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The secret an executor signs its bundle folders with (HMAC-SHA256): 32 random bytes in a file only its owner can
 * read (0600). The submitting side creates it once per executor; a task reads it from the same file, so only code
 * that can read the key can write a packet the other side accepts. Immutable and thread-safe.
 */
public final class BundleKey {

    static final String ALGORITHM = "HmacSHA256";
    static final int MAC_LENGTH = 32;
    private static final int KEY_LENGTH = 32;

    private final SecretKeySpec key;
    private final Path file;

    private BundleKey(byte[] key, Path file) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.file = file;
    }

    /**
     * @return the key in {@code file}, made (random, 0600, its folder 0700) if there is none yet
     * @throws IOException if it cannot be read or written
     */
    public static BundleKey createOrLoad(Path file) throws IOException {
        if (!Files.exists(file)) {
            PrivateFiles.createFolders(file.toAbsolutePath().getParent());
            byte[] key = new byte[KEY_LENGTH];
            new SecureRandom().nextBytes(key);
            // Two executors racing to make the same key: the first file wins, both then read it.
            PrivateFiles.createOnce(file, key);
        }
        return load(file);
    }

    /** @throws IOException if there is no key in {@code file}, saying where it was looked for */
    public static BundleKey load(Path file) throws IOException {
        byte[] key;
        try {
            key = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no bundle key at " + file + ": the executor that wrote the bundle keeps its key "
                    + "there", e);
        }
        if (key.length != KEY_LENGTH) {
            throw new IOException("the bundle key " + file + " is not a key (" + key.length + " bytes, expected "
                    + KEY_LENGTH + ")");
        }
        return new BundleKey(key, file);
    }

    /** @return the file it was read from */
    public Path file() {
        return file;
    }

    /** @return the HMAC-SHA256 of the parts, each length-prefixed (so that no two lists of parts sign alike) */
    byte[] mac(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(new byte[] {(byte) (part.length >>> 24), (byte) (part.length >>> 16),
                        (byte) (part.length >>> 8), (byte) part.length});
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no " + ALGORITHM, e);
        }
    }

    @Override
    public String toString() {
        return "BundleKey[" + file + "]";
    }
}
