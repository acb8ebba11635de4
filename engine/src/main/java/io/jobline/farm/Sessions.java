package io.jobline.farm;

import io.jobline.remote.Ledger;
import io.jobline.remote.PrivateFiles;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A farm engine's session folder in workDir: a {@code session} file (which scheduler, which process) and the
 * {@link Ledger} of the jobs it submitted ({@code submitted ID} / {@code ended ID} lines, appended as it happens, so
 * they survive a {@code kill -9} of Jobline and {@code jobline farm cancel WORKDIR} can kill what was left).
 */
final class Sessions {

    static final String INFO = "session";
    static final String LEDGER = "ledger";

    /** What a session folder says. */
    record Contents(Path session, String scheduler, String owner, Set<String> open) {
    }

    private Sessions() {
    }

    /** Writes the session file of a new session folder and returns its ledger. */
    static Ledger start(Path session, String scheduler) throws IOException {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "?";
        }
        String info = "scheduler " + scheduler + "\nowner pid " + ProcessHandle.current().pid() + " on " + host
                + " since " + Instant.now() + "\n";
        PrivateFiles.write(session.resolve(INFO), info.getBytes(StandardCharsets.UTF_8));
        return new Ledger(session.resolve(LEDGER));
    }

    /**
     * @param dir a workDir (its session folders are read) or one session folder
     * @return what each session says, oldest first
     * @throws IOException when {@code dir} is not a folder
     */
    static List<Contents> find(Path dir) throws IOException {
        List<Contents> found = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(INFO))) {
            found.add(read(dir));
            return found;
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("no such folder: " + dir);
        }
        try (Stream<Path> sessions = Files.list(dir)) {
            for (Path session : sessions.sorted().toList()) {
                if (Files.isRegularFile(session.resolve(INFO))) {
                    found.add(read(session));
                }
            }
        }
        return found;
    }

    private static Contents read(Path session) throws IOException {
        String scheduler = "?";
        String owner = "?";
        for (String line : Files.readAllLines(session.resolve(INFO), StandardCharsets.UTF_8)) {
            if (line.startsWith("scheduler ")) {
                scheduler = line.substring("scheduler ".length()).strip();
            } else if (line.startsWith("owner ")) {
                owner = line.substring("owner ".length()).strip();
            }
        }
        return new Contents(session, scheduler, owner, Ledger.unfinished(session.resolve(LEDGER)));
    }
}
