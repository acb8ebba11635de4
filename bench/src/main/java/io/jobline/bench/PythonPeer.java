package io.jobline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code multiprocessing.Pool} as a peer of the process backend: {@code mp_peer.py} (a resource of this
 * module) run by {@code python3} as a child process that keeps one warm pool and runs one command per request, so
 * that its rounds interleave with the Jobline variants' in the {@link Harness} like any variant. Every answer's
 * checksum is checked here as well as in Python. Not thread-safe; close it to end the child and its pool.
 */
final class PythonPeer implements AutoCloseable {

    private final Process process;
    private final BufferedReader replies;
    private final Writer requests;
    private final Path script;

    private PythonPeer(Process process, Path script) {
        this.process = process;
        this.script = script;
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** @return null if {@code python3} runs here, else why the Python rows are skipped */
    static String unavailable() {
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import multiprocessing").redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return "python3 did not answer within 30 s: the Python peer rows are skipped";
            }
            return probe.exitValue() == 0 ? null
                    : "python3 cannot import multiprocessing here: the Python peer rows are skipped";
        } catch (IOException | InterruptedException e) {
            return "python3 is not on the PATH: the Python peer rows are skipped (install python3 to see them)";
        }
    }

    /** Starts the peer with a pool of {@code workers} processes and waits until the pool is up. */
    static PythonPeer start(int workers) throws IOException {
        Path script = Files.createTempFile("jobline-bench-mp_peer", ".py");
        try (InputStream in = PythonPeer.class.getResourceAsStream("mp_peer.py")) {
            if (in == null) {
                throw new IllegalStateException("mp_peer.py is missing from the bench class path");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process process = new ProcessBuilder("python3", script.toString(), Integer.toString(workers))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        PythonPeer peer = new PythonPeer(process, script);
        String first = peer.replies.readLine();
        if (!"ready".equals(first)) {
            peer.close();
            throw new IllegalStateException("mp_peer.py did not start: it said " + first);
        }
        return peer;
    }

    /** {@code Pool.map(x -> x + 1, range(n), chunksize=chunk)}, checked. @return n */
    long map(int n, int chunk) throws IOException {
        long sum = (long) n * (n + 1) / 2;
        ask("map " + n + " " + chunk, n, sum);
        return n;
    }

    /**
     * Counts the primes in {@code blocks} blocks, on the pool ({@code pooled}) or in the Python process itself.
     *
     * @param expected the total another round gave, or -1 on the first; @return the total
     */
    long primes(int blocks, boolean pooled, long expected) throws IOException {
        String[] reply = ask((pooled ? "primes " : "serial ") + blocks, blocks, expected);
        return Long.parseLong(reply[2]);
    }

    /** @return the reply's words, "ok COUNT CHECKSUM", after checking them */
    private String[] ask(String request, long count, long checksum) throws IOException {
        requests.write(request + "\n");
        requests.flush();
        String reply = replies.readLine();
        if (reply == null) {
            throw new IllegalStateException("mp_peer.py ended on '" + request + "' (its stderr is above)");
        }
        String[] words = reply.split(" ");
        if (words.length != 3 || !words[0].equals("ok") || Long.parseLong(words[1]) != count
                || checksum >= 0 && Long.parseLong(words[2]) != checksum) {
            throw new IllegalStateException("mp_peer.py answered '" + reply + "' to '" + request + "', expected ok "
                    + count + (checksum >= 0 ? " " + checksum : ""));
        }
        return words;
    }

    /** Ends the pool and the child (killed if it does not end within 10 s). */
    @Override
    public void close() throws IOException {
        try {
            requests.write("quit\n");
            requests.close();
        } catch (IOException e) {
            // Gone already.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
