package io.jobline.bench

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** Runs every case on tiny sizes, so the harness itself is tested in CI; measures nothing. */
class BenchSmokeTest extends Specification {

    @TempDir
    Path dir

    def "every case runs on tiny sizes and the table is written as Markdown"() {
        given:
        def settings = Settings.parse('--quick', '--out', dir.resolve('results.md').toString(),
                '--jobline', dir.resolve('no-launcher').toString())
        def progress = new PrintStream(new ByteArrayOutputStream())

        when:
        def rows = Bench.run(settings, progress)
        Bench.write(settings, rows, 0.1)
        def markdown = dir.resolve('results.md').toFile().text

        then: 'each case has rows, and every measured row has its numbers'
        rows*.benchCase.unique() == [PipelineCases.THROUGHPUT, PipelineCases.STAGE_KINDS, ExecutorCases.NAME,
                                     ScaleCase.NAME, StartupCase.NAME, ProcessCases.NAME,
                                     RemoteStageCases.NAME, FarmCases.NAME, ShellCase.NAME, PeerCases.NAME]
        rows.findAll { it.summary != null }.every { it.summary.median() > 0 || it.summary.unit() == 'MB' }
        rows.findAll { it.ratio != null }.every { it.ratio > 0 }

        and: 'a row that cannot run here says why'
        rows.findAll { it.summary == null }.every { it.note }
        rows.find { it.variant.startsWith('./jobline') }.note.contains('no executable launcher')

        and: 'the Markdown has the machine and one table line per row'
        markdown.contains('cores (nproc): ')
        markdown.contains('| case | variant | median |')
        markdown.readLines().count { it.startsWith('| ') } == rows.size() + 2

        and: 'case 6 measured every part, and its worker processes have all ended'
        def process = rows.findAll { it.benchCase == ProcessCases.NAME }
        ['round trip, median', 'round trip, p99', 'chunk: 1,', 'chunk: 100,', 'counting primes', 'the same',
         'first submit+get', '-version'].every { part -> process.any { it.variant.contains(part) && it.summary } }
        process.find { it.variant.contains('the same') }.target != null
        process.any { it.variant.contains('multiprocessing.Pool') && (it.summary || it.note.contains('skipped')) }
        ProcessHandle.current().descendants().filter { it.alive }.toList() == []

        and: 'case 7 measured the process stage and the second run'
        def stages = rows.findAll { it.benchCase == RemoteStageCases.NAME }
        ['process stage (threads: 2', 'a run that starts', 'the next run'].every { part ->
            stages.any { it.variant.contains(part) && it.summary } }
    }

    def "the 99th percentile is the nearest rank"() {
        given:
        long[] sorted = (1..200).collect { it as long } as long[]

        expect:
        ProcessCases.percentile(sorted, 50) == 100
        ProcessCases.percentile(sorted, 99) == 198
        ProcessCases.percentile([7L] as long[], 99) == 7
    }

    def "the hand-written baseline delivers every item"() {
        given:
        def input = Stages.integers(50_000)

        when:
        def outputs = new HandWrittenPipeline(Stages.ADD1, Stages.MULTI2, 2).run(input)

        then:
        Stages.checkAdd1Multi2(outputs, 50_000, false)
    }

    def "a wrong result is an error, not a number"() {
        when:
        Stages.checkAdd1Multi2([2, 6, 4], 3, true)

        then:
        def e = thrown(IllegalStateException)
        e.message.contains('order was not kept')
    }

    def "medians, ranges and ratios"() {
        given:
        def fast = Summary.of('items/s', true, 30, 10, 20)
        def slow = Summary.of('items/s', true, 10, 12)

        expect:
        fast.median() == 20
        slow.median() == 11
        fast.min() == 10 && fast.max() == 30
        Row.compared('c', 'fast', fast, 'slow', slow, Target.atLeast(1.0)).status() == 'met'
        Row.compared('c', 'slow', slow, 'fast', fast, Target.atLeast(1.0)).status() == 'MISSED'
        Row.compared('c', 'cost', slow, 'fast', fast, Target.atMost(1.2)).status() == 'met'
    }

    def "bad options are refused with what is valid"() {
        when:
        Settings.parse(*args)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(expected)

        where:
        args                    | expected
        ['--rounds', '0']       | '--rounds: expected a whole number >= 1'
        ['--cases', '1,11']     | 'expected case numbers 1 to 10'
        ['--items']             | '--items needs a value'
        ['--fast']              | "unknown option '--fast'"
    }
}
