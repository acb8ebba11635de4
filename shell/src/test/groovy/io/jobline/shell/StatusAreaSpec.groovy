package io.jobline.shell

import spock.lang.Specification

import java.nio.charset.StandardCharsets
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

class StatusAreaSpec extends Specification {

    def bytes = new ByteArrayOutputStream()
    def terminal = new PrintStream(bytes, true, 'UTF-8')
    def area = new StatusArea(terminal, { 40 })
    def out = area.guard(terminal, StandardCharsets.UTF_8)

    List<String> getScreen() { Screen.play(bytes.toString(StandardCharsets.UTF_8)) }

    def "status lines stay under the output and go away on close"() {
        when:
        out.println('one')
        area.set('a', 'status A')
        area.set('b', 'status B')

        then:
        screen == ['one', 'status A', 'status B']

        when:
        out.println('two')
        area.set('a', 'status A2')

        then:
        screen == ['one', 'two', 'status A2', 'status B']

        when:
        area.remove('a')
        area.close()
        out.println('three')

        then:
        screen == ['one', 'two', 'three']
    }

    def "a half-written line is never broken by a status line"() {
        when:
        area.set('a', 'status')
        out.print('half, ')
        area.set('a', 'status again')

        then:
        screen == ['half,']

        when:
        out.println('whole')
        area.set('a', 'status at last')

        then:
        screen == ['half, whole', 'status at last']
    }

    def "long lines are cut to the terminal's width"() {
        when:
        area.set('a', 'x' * 100 + '\nmore')

        then:
        screen == ['x' * 33 + '...']
    }

    def "many threads printing while the status changes: every line arrives whole"() {
        given:
        def pool = Executors.newFixedThreadPool(4)
        def start = new CountDownLatch(1)

        when:
        def writers = (0..<3).collect { w ->
            pool.submit {
                start.await()
                200.times { i -> out.println("writer $w line $i") }
            }
        }
        def status = pool.submit {
            start.await()
            200.times { i -> area.set('s', "status $i") }
        }
        start.countDown()
        (writers + status)*.get(20, TimeUnit.SECONDS)
        area.close()

        then:
        screen.size() == 600
        screen.toSet() == (0..<3).collectMany { w -> (0..<200).collect { "writer $w line $it" } }.toSet()

        cleanup:
        pool.shutdownNow()
    }
}
