package io.jobline.report

import io.jobline.pipeline.Pipeline
import io.jobline.pipeline.PipelineException
import io.jobline.pipeline.Run
import io.jobline.pipeline.RunState
import spock.lang.IgnoreIf
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CancellationException

/**
 * Reports of a finished, a failed and a cancelled run, loaded in a real browser (headless chromium): no script
 * errors, charts drawn, stage names and error items on the page, a screenshot under target/. Without chromium the
 * specs are skipped locally and fail under CI=true.
 */
class ReportBrowserSpec extends Specification {

    @Shared Path dir = Path.of('target', 'report-specs')

    def setupSpec() {
        Files.createDirectories(dir)
    }

    def 'under CI the browser is there'() {
        expect:
        System.getenv('CI') != 'true' || Chromium.missing() == null
    }

    /** An item whose toString throws, and one whose toString is a megabyte with markup in it. */
    static class Nasty {
        final boolean throwing
        Nasty(boolean throwing) { this.throwing = throwing }
        String toString() {
            if (throwing) throw new IllegalStateException('no text for you')
            '<script>alert(1)</script>' + 'x' * 1_000_000
        }
    }

    @IgnoreIf({ Chromium.missing() != null && System.getenv('CI') != 'true' })
    def 'a finished run: charts, timeline, stages and grouped errors render without console errors'() {
        given:
        Path file = dir.resolve('done.html')
        Pipeline p = Pipeline.builder('demo').errors('collect')
                .stage({ int x -> Thread.sleep(1); x + 1 } as java.util.function.Function, [name: 'parse'])
                .stage({ int x -> if (x % 97 == 0) throw new IllegalArgumentException("bad <b>item</b> " + (x % 2)); x * 2 } as java.util.function.Function,
                        [name: 'transform', threads: 2])
                .stage({ x -> x } as java.util.function.Function, [name: 'store'])
                .build()

        when:
        p.run([report: file.toString()], 1..600)
        def page = Chromium.load(file, Path.of('target', 'screenshots', 'report-done.png'))

        then:
        page.check != null
        page.check.errors == []
        page.check.charts == 2
        page.check.drawn == 2
        page.check.timelines == 1
        ['parse', 'transform', 'store'].every { page.dom.contains(it) }
        page.dom.contains('bad &lt;b&gt;item&lt;/b&gt; 1')
        page.dom.contains('IllegalArgumentException')
        !page.console.contains('Uncaught')
        Files.exists(Path.of('target', 'screenshots', 'report-done.png'))
    }

    @IgnoreIf({ Chromium.missing() != null && System.getenv('CI') != 'true' })
    def 'a failed run whose items break toString renders, escaped and cut'() {
        given:
        Path file = dir.resolve('failed.html')
        Pipeline p = Pipeline.builder('fails')
                .stage({ x -> if (x instanceof Nasty) throw new RuntimeException('<img src=x onerror=alert(2)>'); x } as java.util.function.Function,
                        [name: 'check'])
                .build()

        when:
        p.run([report: file.toString()], [1, 2, new Nasty(true), new Nasty(false)])

        then:
        thrown(PipelineException)

        when:
        def page = Chromium.load(file, Path.of('target', 'screenshots', 'report-failed.png'))

        then:
        page.check.errors == []
        page.dom.contains('FAILED')
        page.dom.contains('toString() threw IllegalStateException')
        page.dom.contains('&lt;img src=x onerror=alert(2)&gt;')
        !page.dom.contains('<img src=x')
        Files.size(file) < 500_000
    }

    @IgnoreIf({ Chromium.missing() != null && System.getenv('CI') != 'true' })
    def 'a cancelled run renders, and so does the report of a run that was not recorded'() {
        given:
        Path file = dir.resolve('cancelled.html')
        Path plain = dir.resolve('plain.html')
        Pipeline p = Pipeline.builder('endless')
                .stage({ x -> Thread.sleep(2); x } as java.util.function.Function, [name: 'slow'])
                .build()
        Iterator<Integer> endless = [hasNext: { true }, next: { 1 }] as Iterator<Integer>

        when:
        Run run = p.start([report: true], endless)
        run.results.next()
        run.cancel()
        run.join()
        run.report(file.toString())
        Run unrecorded = p.start([1, 2, 3])
        unrecorded.join()
        unrecorded.report(plain.toString())
        def page = Chromium.load(file, Path.of('target', 'screenshots', 'report-cancelled.png'))
        def plainPage = Chromium.load(plain, null)

        then:
        run.state == RunState.CANCELLED
        page.check.errors == []
        page.dom.contains('CANCELLED')
        page.dom.contains('slow')
        plainPage.check.errors == []
        plainPage.dom.contains('Not recorded')
    }
}
