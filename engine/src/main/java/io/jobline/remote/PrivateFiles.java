package io.jobline.remote;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Files only their owner may read (0600) in folders only their owner may enter (0700), written so that a reader
 * never sees half a file: into a temporary name in the same folder, then renamed over the target. On file systems
 * without POSIX permissions the files are written the same way, without permissions.
 */
public final class PrivateFiles {

    private static final FileAttribute<?> FILE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> FOLDER = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"));

    private PrivateFiles() {
    }

    /** Creates {@code dir} (0700) and the parents it lacks (0700 too); fine if it exists. */
    public static void createFolders(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, FOLDER);
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    /** Creates {@code dir} (0700), which must not exist yet; its parent must. */
    static void createFolder(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, FOLDER);
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(dir);
        }
    }

    /** Writes {@code content} to {@code target} (0600) atomically: a temporary file in its folder, then a rename. */
    public static void write(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = create(tmp)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // On shared storage, the bytes must be there before the name is.
                channel.force(false);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates {@code target} (0600) with {@code content} only if there is no file by that name yet. */
    static boolean createOnce(Path target, byte[] content) throws IOException {
        try (FileChannel channel = create(target)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static FileChannel create(Path file) throws IOException {
        try {
            return FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    FILE);
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }
}
