package io.jobline.backend.process

import java.nio.charset.StandardCharsets
import java.util.concurrent.TimeUnit

/** An output stream that keeps what is written and lets a spec wait until a given text has arrived. */
class LineCapture extends OutputStream {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream()

    @Override
    synchronized void write(int b) {
        bytes.write(b)
        notifyAll()
    }

    @Override
    synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len)
        notifyAll()
    }

    synchronized String getText() {
        new String(bytes.toByteArray(), StandardCharsets.UTF_8)
    }

    /** @return the text once it contains {@code expected}; fails after 10 seconds */
    synchronized String awaitContains(String expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10)
        while (!text.contains(expected)) {
            long left = deadline - System.nanoTime()
            assert left > 0: "no '$expected' in: $text"
            wait(Math.max(1L, TimeUnit.NANOSECONDS.toMillis(left)))
        }
        text
    }
}
