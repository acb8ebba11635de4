package io.jobline.remote;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * One file of a bundle folder: {@link #MAGIC}, utf role (the file's name: {@code bundle}, {@code call-3},
 * {@code result-3}), bytes content, then the 32-byte HMAC-SHA256 ({@link BundleKey}) of the bundle's id (its folder
 * name), the role and the content. Binding id and role into the signature means a packet cannot be moved to another
 * bundle or passed off as another call's.
 */
final class SignedPacket {

    static final int MAGIC = 0x4A4C5031; // "JLP1"

    private SignedPacket() {
    }

    /** Writes the packet atomically (temporary name, then rename; 0600). */
    static void write(Path dir, String role, byte[] content, BundleKey key) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(role);
            Wire.writeBytes(out, content);
            out.write(key.mac(id(dir), utf8(role), content));
        }
        PrivateFiles.write(dir.resolve(role), bytes.toByteArray());
    }

    /**
     * @return the content of the packet {@code role} in {@code dir}, or {@code null} if there is no such file
     * @throws TamperedPacketException if it is not this key's packet for that role, naming the file
     */
    static byte[] read(Path dir, String role, BundleKey key) throws IOException {
        Path file = dir.resolve(role);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        byte[] content;
        byte[] mac = new byte[BundleKey.MAC_LENGTH];
        String written;
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != MAGIC) {
                throw new TamperedPacketException(file + " is not a Jobline packet; refusing it");
            }
            written = in.readUTF();
            content = Wire.readBytes(in);
            in.readFully(mac);
            if (in.read() != -1) {
                throw new TamperedPacketException(file + " has bytes after its signature; refusing it");
            }
        } catch (EOFException e) {
            throw new TamperedPacketException(file + " is cut short (" + bytes.length + " bytes); refusing it");
        }
        if (!written.equals(role)) {
            throw new TamperedPacketException(file + " holds the packet '" + written + "', not '" + role
                    + "'; refusing it");
        }
        if (!MessageDigest.isEqual(mac, key.mac(id(dir), utf8(role), content))) {
            throw new TamperedPacketException(file + " was changed, or written by another executor: its signature "
                    + "does not match the key " + key.file() + "; refusing it");
        }
        return content;
    }

    private static byte[] id(Path dir) {
        return utf8(dir.toAbsolutePath().normalize().getFileName().toString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes written by {@code writer}, for packet contents. */
    static byte[] bytes(Wire.Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
