package io.jobline.farm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reading and removing what farm tasks leave in workDir (writing goes through {@link io.jobline.remote.PrivateFiles}:
 * 0600 files, 0700 folders, atomic renames).
 */
public final class WorkDirFiles {

    private WorkDirFiles() {
    }

    /**
     * @return the last {@code lines} lines of {@code file} (read from its end, so a huge log costs little), or an
     * empty list when it does not exist
     */
    public static List<String> tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (var channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int window = (int) Math.min(size, 64L * 1024);
            channel.position(size - window);
            byte[] bytes = new byte[window];
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // keep reading until the window is full
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            Deque<String> last = new ArrayDeque<>();
            for (String line : text.split("\n", -1)) {
                last.addLast(line);
                if (last.size() > lines + 1) {
                    last.removeFirst();
                }
            }
            List<String> result = new ArrayList<>(last);
            if (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
                result.remove(result.size() - 1);
            }
            while (result.size() > lines) {
                result.remove(0);
            }
            return result;
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** Deletes {@code dir} and everything in it; what cannot be deleted is left. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // left for the user; the ledger still says what it was
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // same
        }
    }
}
