package io.jobline.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The job ids a {@link JobTable} submitted, kept in a file (0600) so that what a killed JVM left running can be
 * found and cancelled later ({@code jobline farm cancel WORKDIR}). One line per event, appended as it happens:
 * {@code submitted <jobId>} and {@code ended <jobId>} (once every future of the job is final). Thread-safe.
 */
public final class Ledger {

    private final Path file;

    /** @param file the ledger file; created (0600, its folders 0700) on the first line */
    public Ledger(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Records a submitted job. */
    public synchronized void submitted(String jobId) {
        append("submitted " + jobId);
    }

    /** Records that every future (task) of a job is final. */
    public synchronized void ended(String jobId) {
        append("ended " + jobId);
    }

    /** @return the ids submitted and not ended, in submission order; empty if there is no ledger there */
    public static Set<String> unfinished(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Set.of();
        }
        Set<String> live = new LinkedHashSet<>();
        for (String line : lines) {
            if (line.startsWith("submitted ")) {
                live.add(line.substring("submitted ".length()));
            } else if (line.startsWith("ended ")) {
                live.remove(line.substring("ended ".length()));
            }
        }
        return live;
    }

    private void append(String line) {
        try {
            if (!Files.exists(file)) {
                PrivateFiles.createFolders(file.toAbsolutePath().getParent());
                PrivateFiles.createOnce(file, new byte[0]);
            }
            Files.write(file, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job ledger " + file + ": " + e.getMessage(), e);
        }
    }
}
