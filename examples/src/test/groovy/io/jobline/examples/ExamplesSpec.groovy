package io.jobline.examples

import io.jobline.shell.Main
import spock.lang.Specification
import spock.lang.Timeout
import spock.lang.Unroll

import java.nio.charset.StandardCharsets

/**
 * Runs every job script in examples/ through the real command line (in-process) and checks what it prints.
 * A new example without an expectation here fails the last feature, so no example goes untested.
 */
@Timeout(120)
class ExamplesSpec extends Specification {

    static final File DIR = new File('.').canonicalFile

    static final Map<String, List<String>> EXPECTED = [
            'hello.groovy'         : ['[2, 4, 6, 8, 10]'],
            'word-count.groovy'    : ['words: the quick brown fox jumps over the lazy dog the dog sleeps a fox runs',
                                      'the: 3', 'fox: 2', 'dog: 2'],
            'executor-batch.groovy': ['submit: 3 and 49', 'map: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]',
                                      'as completed, total: 55'],
            'waitfor.groovy'       : ['alpha: Linux 5.0', 'hotel: Linux 5.0'],
            'pool-downloads.groovy': ['file about.html: 2900 bytes', 'file index.html: 2900 bytes',
                                      'failed: http://example.org/missing.html: http://example.org/missing.html'],
            'live-run.groovy'      : ['state: DONE, total: 1002000', 'double: threads=4 in=1000 out=1000 errors=0'],
            'errors.groovy'        : ['parsed: [1, 2, 4]', "stage 'parse' failed on 'three': NumberFormatException",
                                      "stage 'parse' failed on 'five': NumberFormatException",
                                      "with errors: 'fail': stage 'parse' failed on item 'three'"],
            'primes-on-processes.groovy': ['primes per block: [5133, ', 'primes below 1,000,000: 78498'],
    ]

    @Unroll
    def "examples/#name runs and prints what it should"() {
        given:
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        def main = new Main(new PrintStream(out, true, 'UTF-8'), new PrintStream(err, true, 'UTF-8'), false)

        when:
        int code = main.execute('run', '--no-progress', new File(DIR, name).path)
        def printed = out.toString(StandardCharsets.UTF_8)

        then:
        code == Main.OK
        expected.every { line -> printed.contains(line) }

        where:
        name << EXPECTED.keySet().toList()
        expected = EXPECTED[name]
    }

    def "every example in examples/ has an expectation here"() {
        expect:
        DIR.listFiles().findAll { it.name.endsWith('.groovy') }*.name.sort() == EXPECTED.keySet().sort()
    }
}
