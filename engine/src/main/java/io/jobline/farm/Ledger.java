package io.jobline.farm;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The record, in a session folder of workDir, of every job a farm engine submitted and which of them ended: one
 * line appended per event, so it survives a {@code kill -9} of Jobline and {@code jobline farm cancel WORKDIR} can
 * kill what was left running. Lines: {@code scheduler NAME}, {@code owner PID HOST STARTED}, {@code job ID FOLDER
 * NAME}, {@code ended ID HOW}.
 */
public final class Ledger {

    /** The ledger's file name in its session folder. */
    public static final String FILE = "ledger";

    /** One job a ledger knows of. */
    public record Entry(String jobId, String folder, String name, String ended) {
        /** @return whether the ledger says it ended (done, failed or cancelled) */
        public boolean isEnded() {
            return ended != null;
        }
    }

    /** What a ledger file says. */
    public record Contents(Path session, String scheduler, String owner, List<Entry> jobs) {
        /** @return the jobs not recorded as ended */
        public List<Entry> open() {
            return jobs.stream().filter(job -> !job.isEnded()).toList();
        }
    }

    private final Path file;

    private Ledger(Path file) {
        this.file = file;
    }

    /** Starts the ledger of a new session folder. */
    static Ledger start(Path session, String scheduler) throws IOException {
        Ledger ledger = new Ledger(session.resolve(FILE));
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "?";
        }
        ledger.append("scheduler " + scheduler);
        ledger.append("owner " + ProcessHandle.current().pid() + " " + host + " " + Instant.now());
        return ledger;
    }

    /** Records a submitted job. */
    void submitted(String jobId, Path folder, String name) throws IOException {
        append("job " + jobId + " " + folder.getFileName() + " " + oneLine(name));
    }

    /** Records that every task of a job is final; {@code how}: done, failed, cancelled. */
    void ended(String jobId, String how) throws IOException {
        append("ended " + jobId + " " + how);
    }

    private synchronized void append(String line) throws IOException {
        PrivateFiles.appendLine(file, line);
    }

    /** Records, in the ledger at {@code ledgerFile}, that a job was cancelled from outside its session. */
    static void cancelled(Path ledgerFile, String jobId) throws IOException {
        PrivateFiles.appendLine(ledgerFile, "ended " + jobId + " cancelled");
    }

    /**
     * Finds the ledgers of {@code dir}: its own (a session folder) or those of its session folders (a workDir).
     *
     * @return what each says, oldest session first
     */
    public static List<Contents> find(Path dir) throws IOException {
        List<Contents> found = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(FILE))) {
            found.add(read(dir));
            return found;
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("no such folder: " + dir);
        }
        try (Stream<Path> sessions = Files.list(dir)) {
            for (Path session : sessions.sorted().toList()) {
                if (Files.isRegularFile(session.resolve(FILE))) {
                    found.add(read(session));
                }
            }
        }
        return found;
    }

    /** Reads the ledger of a session folder; lines it does not understand are skipped. */
    public static Contents read(Path session) throws IOException {
        String scheduler = "?";
        String owner = "?";
        Map<String, Entry> jobs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(session.resolve(FILE), StandardCharsets.UTF_8)) {
            String[] words = line.split(" ", 4);
            switch (words[0]) {
                case "scheduler" -> scheduler = words.length > 1 ? words[1] : "?";
                case "owner" -> owner = line.substring("owner ".length());
                case "job" -> {
                    if (words.length >= 3) {
                        jobs.put(words[1], new Entry(words[1], words[2], words.length > 3 ? words[3] : "", null));
                    }
                }
                case "ended" -> {
                    Entry job = words.length >= 2 ? jobs.get(words[1]) : null;
                    if (job != null) {
                        jobs.put(job.jobId(), new Entry(job.jobId(), job.folder(), job.name(),
                                words.length > 2 ? words[2] : "ended"));
                    }
                }
                default -> {
                    // a line from a newer Jobline, or a torn last line after a crash: skipped
                }
            }
        }
        return new Contents(session, scheduler, owner, List.copyOf(jobs.values()));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
