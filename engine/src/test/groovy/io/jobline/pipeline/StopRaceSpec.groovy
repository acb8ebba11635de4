package io.jobline.pipeline

import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.TimeUnit

/**
 * A run that stops while its stages are mid-flow must end, every time: the stop hands on what the workers had
 * finished while an upstream worker that saw the stop leaves and closes its downstream. That race once made
 * {@code Run.stop} throw half-way (an offer into the closed queue), so the results were never sealed and the reader
 * waited for ever: about one run in a few hundred, found by {@code reliability/run}.
 */
@Timeout(300)
class StopRaceSpec extends Specification {

    static final int RUNS = 400

    def "#kind: 400 runs that fail at their first bad item all end, and name it"() {
        given:
        def failing = { int n -> if (n % 100 == 0) throw new IllegalStateException("bad item $n"); n }
        def p = Pipeline.builder().options(errors: 'fail')
                .stage({ it }, [name: 'before'])
                .stage(failing, options)
                .build()
        int hung = 0
        int unnamed = 0

        when:
        for (int i = 0; i < RUNS && hung == 0; i++) {
            def run = p.start(1..2_000)
            def reader = Thread.startDaemon {
                try {
                    run.results.each { }
                } catch (PipelineException e) {
                    if (!(e.message =~ /bad item \d+00/)) unnamed++
                }
            }
            // A bound, not a pace: such a run ends in milliseconds; a hung reader is left behind (a daemon).
            reader.join(TimeUnit.SECONDS.toMillis(20))
            if (reader.alive) {
                hung++
            }
        }

        then:
        hung == 0
        unnamed == 0

        where:
        kind          | options
        'one thread'  | [:]
        'threads: 4'  | [threads: 4]
        'by: key'     | [threads: 3, by: { it % 7 }]
    }
}
