package io.jobline.report

import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * Debian's chromium, headless, for the report specs: loads a report, lets its scripts run, and returns the page's
 * DOM and console. A fresh profile each time; no network, no sync, no updates.
 */
final class Chromium {

    static final List<String> FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                                       '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync',
                                       '--enable-logging=stderr', '--v=0', '--virtual-time-budget=5000']

    /** @return the chromium binary, or null */
    static String binary() {
        ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find { Files.isExecutable(Path.of(it)) }
    }

    /** @return why the browser specs cannot run here, or null when they can */
    static String missing() {
        binary() == null ? 'chromium is not installed (apt-get install --no-install-recommends chromium)' : null
    }

    /** Result of one page load: the DOM after scripts ran, the console lines, the check the page wrote. */
    static final class Page {
        String dom
        String console
        Map check
    }

    static Page load(Path html, Path screenshot) {
        Path profile = Files.createTempDirectory('jobline-chromium')
        try {
            String url = html.toUri().toString()
            Page page = new Page()
            def dump = run(profile, FLAGS + ['--user-data-dir=' + profile, '--dump-dom', url])
            page.dom = dump[0]
            page.console = dump[1]
            def matcher = page.dom =~ /(?s)<div id="jl-check"[^>]*>(.*?)<\/div>/
            String text = matcher.find() ? matcher.group(1) : null
            page.check = text ? new JsonSlurper().parseText(text.replace('&quot;', '"').replace('&amp;', '&')
                    .replace('&lt;', '<').replace('&gt;', '>')) as Map : null
            if (screenshot != null) {
                Files.createDirectories(screenshot.parent)
                run(profile, FLAGS + ['--user-data-dir=' + profile, '--screenshot=' + screenshot.toAbsolutePath(),
                                      '--window-size=1400,1000', '--hide-scrollbars', url])
            }
            page
        } finally {
            profile.toFile().deleteDir()
        }
    }

    private static List<String> run(Path profile, List<String> flags) {
        Path out = Files.createTempFile(profile, 'out', '.txt')
        Path err = Files.createTempFile(profile, 'err', '.txt')
        Process process = new ProcessBuilder([binary()] + flags).redirectOutput(out.toFile()).redirectError(err.toFile()).start()
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            throw new IllegalStateException("chromium did not finish within 120 s: ${Files.readString(err)}")
        }
        [Files.readString(out), Files.readString(err)]
    }
}
