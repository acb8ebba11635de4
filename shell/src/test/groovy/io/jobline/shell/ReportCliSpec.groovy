package io.jobline.shell

import com.google.gson.Gson
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

/** {@code jobline run --report/--report-dir/--trace}, {@code jobline graph}, the {@code report:} option from a script. */
class ReportCliSpec extends Specification {

    @TempDir
    Path dir

    ByteArrayOutputStream outBytes = new ByteArrayOutputStream()
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream()

    String getOut() { outBytes.toString(StandardCharsets.UTF_8) }

    String getErr() { errBytes.toString(StandardCharsets.UTF_8) }

    int jobline(String... args) {
        new Main(new PrintStream(outBytes, true, 'UTF-8'), new PrintStream(errBytes, true, 'UTF-8'), false).execute(args)
    }

    String script(String name, String text) {
        dir.resolve(name).toFile().text = text.stripIndent()
        dir.resolve(name).toString()
    }

    static final String TWO_RUNS = '''
        def p = pipeline('numbers', errors: 'collect') {
            stage({ it + 1 }, name: 'add1')
            stage({ if (it == 50) throw new IllegalStateException('fifty'); it * 2 }, name: 'multi2', threads: 2)
        }
        p.run(1..2000)
        pipeline('second') { stage({ it }, name: 'echo') }.run(1..10)
        '''

    def 'run --report writes one page with every run, --trace one JSON line per tick and per end'() {
        given:
        def job = script('job.groovy', TWO_RUNS)
        Path report = dir.resolve('out/run.html')
        Path trace = dir.resolve('run.jsonl')

        when:
        int code = jobline('run', '--report', report.toString(), '--trace', trace.toString(), job)

        then:
        code == 0
        err.contains('report written to')
        String html = report.toFile().text
        ['numbers', 'second', 'add1', 'multi2', 'echo', 'fifty', 'IllegalStateException'].every { html.contains(it) }
        html.contains('jobline run --report')
        !html.contains('<script src=') // self-contained
        def lines = trace.readLines().collect { new Gson().fromJson(it, Map) }
        lines.count { it.type == 'start' } == 2
        lines.findAll { it.type == 'end' }*.name == ['numbers', 'second']
        lines.find { it.type == 'end' && it.name == 'numbers' }.errors == 1
        lines.findAll { it.type == 'tick' }.every { it.part in ['add1', 'multi2', 'echo'] }
    }

    def 'run --report-dir writes one file per run as it ends'() {
        given:
        def job = script('job.groovy', TWO_RUNS)

        when:
        int code = jobline('run', '--report-dir', dir.resolve('reports').toString(), job)

        then:
        code == 0
        def names = Files.list(dir.resolve('reports')).withCloseable { it.toList()*.fileName*.toString().sort() }
        names.size() == 2
        names.every { it.endsWith('.html') }
        names.any { it.contains('numbers') } && names.any { it.contains('second') }
    }

    def 'the report: option and run.report(file) from a script, as docs/reports.md shows'() {
        given:
        def text = new File('../docs/reports.md').text
        def block = (text =~ /(?s)```groovy\n\/\/ not run:[^\n]*\n(.*?)```/)[0][1]
        def job = script('doc.groovy', block)

        expect:
        jobline('run', job) == 0
    }

    def 'graph prints the DOT or Mermaid of every pipeline a script runs, without running a stage'() {
        given:
        Path touched = dir.resolve('touched')
        def job = script('graph.groovy', """
            def p = pipeline('etl', queueSize: 64) {
                stage({ new File('${touched.toString().replace('\\', '/')}').text = 'ran'; it }, name: 'extract')
                stage({ it }, name: 'load', threads: 3, by: { it % 2 })
            }
            println "results: \${p.run(1..10)}"
            def q = pipeline('fan') { stage({ [it, it] }, name: 'split', fanOut: true) }
            q.each(1..3) { println it }
            """)

        when:
        int dot = jobline('graph', job)
        String dotOut = out

        then:
        dot == 0
        dotOut.contains('digraph "etl"')
        dotOut.contains('digraph "fan"')
        dotOut.contains('load\\nthreads: 3, by: key')
        dotOut.contains('queue 64')
        dotOut.contains('split\\nthreads: 1, fanOut')
        err.contains('results: []')
        !Files.exists(touched)

        when:
        outBytes.reset()
        int mermaid = jobline('graph', '--mermaid', job)

        then:
        mermaid == 0
        out.startsWith('flowchart LR')
        out.contains('s1["load<br/>threads: 3, by: key"]')
    }
}
