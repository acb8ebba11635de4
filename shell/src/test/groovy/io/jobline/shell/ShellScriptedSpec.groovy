package io.jobline.shell

import spock.lang.Specification

import java.nio.charset.StandardCharsets

/** {@code jobline shell} off a terminal: standard input evaluated input by input, exit 1 if an input failed. */
class ShellScriptedSpec extends Specification {

    private InputStream stdin

    def setup() {
        stdin = System.in
    }

    def cleanup() {
        System.in = stdin
    }

    private Map shell(String input, String... options) {
        System.in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = new Main(new PrintStream(out, true), new PrintStream(err, true)).execute(['shell', *options] as String[])
        [code: code, out: out.toString(), err: err.toString()]
    }

    def "inputs are evaluated in turn, multi-line ones too, and values printed"() {
        when:
        def result = shell('''def p = pipeline('piped') {
    stage { it + 1 }
}
def r = p.run(1..3)
r.sum()
:jobs
''')

        then:
        result.code == 0
        result.out.contains('==> [2, 3, 4]')
        result.out.contains('==> 9')
        result.out =~ /(?m)^\s*\d+\s+run\s+piped\s+DONE\s+3\s+3/
        result.err.isEmpty()
    }

    def "a failed input gives exit code 1, the inputs after it still run"() {
        when:
        def result = shell('nosuch\n"after"\n')

        then:
        result.code == 1
        result.err.contains("ERROR MissingPropertyException: no such property 'nosuch'")
        result.out.contains('==> after')
    }

    def "--init evaluates a script first; its variables and methods stay"() {
        given:
        def init = File.createTempFile('init', '.groovy')
        init.text = 'def base = 40\ndef plus2(n) { n + 2 }\n'

        when:
        def result = shell('plus2(base)\n', '--init', init.path)

        then:
        result.code == 0
        result.out.contains('==> 42')

        cleanup:
        init.delete()
    }

    def "a missing --init script is a usage error"() {
        expect:
        shell('1\n', '--init', '/no/such/init.groovy').code == Main.USAGE
    }

    def "input ending inside an unfinished one reports it"() {
        when:
        def result = shell('def l = [1,\n2,\n')

        then:
        result.code == 1
        result.err.contains('ERROR input:')
    }

    def "a closure, a method and a class typed in the shell run on the process backend"() {
        when:
        def result = shell('''def triple(x) { x * 3 }
def inc = { it + 1 }
class Box implements Serializable { int v }
def p = pipeline('remote', backend: 'process', workers: 1) {
    stage { inc(it) }
    stage { triple(it) }
    stage { new Box(v: it).v }
}
p.run(1..3)
''')

        then:
        result.err.isEmpty()
        result.code == 0
        result.out.contains('==> [6, 9, 12]')
    }
}
