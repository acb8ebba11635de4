package io.jobline.shell

import spock.lang.AutoCleanup
import spock.lang.Specification

/** Evaluation in the interactive shell: what persists from input to input, and that nothing is evaluated twice. */
class ShellEvaluationSpec extends Specification {

    @AutoCleanup
    ShellDriver shell = new ShellDriver()

    def "a value is printed and kept in _"() {
        expect:
        shell.enter('6 * 7').contains('==> 42')
        shell.enter('_ + 1').contains('==> 43')
    }

    def "variables declared with def, a type, a tuple or none stay for later inputs"() {
        when:
        shell.enter('def x = 20')
        shell.enter('int n = 1')
        shell.enter('def (a, b) = [3, 4]')
        shell.enter('y = 100')
        shell.enter('String s')

        then:
        shell.enter('x + n + a + b + y').contains('==> 128')
        shell.enter('s == null').contains('==> true')
    }

    def "a typed declaration converts its value as a declaration would"() {
        expect:
        shell.enter('long big = 5').contains('==> 5')
        shell.enter('big.getClass().simpleName').contains('==> Long')
    }

    def "a @Field stays for later inputs and methods see it"() {
        when:
        shell.enter('@groovy.transform.Field int hits = 0')
        shell.enter('def hit() { hits++ }')
        shell.enter('hit(); hit()')

        then:
        shell.enter('hits').contains('==> 2')
    }

    def "methods stay callable from later inputs, and from methods declared later"() {
        when:
        shell.enter('def add1(x) { x + 1 }')
        shell.enter('def add2(x) { add1(add1(x)) }')

        then:
        shell.enter('add2(40)').contains('==> 42')
        shell.enter('[1, 2].collect { add1(it) }').contains('==> [2, 3]')
    }

    def "a method declared again replaces the earlier one"() {
        when:
        shell.enter('def f() { 1 }')
        shell.enter('def f() { 2 }')

        then:
        shell.enter('f()').contains('==> 2')
    }

    def "classes stay resolvable, and a class declared again replaces the earlier one for later inputs"() {
        when:
        shell.enter('class Point { int x; String toString() { "P($x)" } }')
        def first = shell.enter('new Point(x: 1)')
        shell.enter('class Point { int x; int y; String toString() { "P($x, $y)" } }')

        then:
        first.contains('==> P(1)')
        shell.enter('new Point(x: 1, y: 2)').contains('==> P(1, 2)')
    }

    def "imports accumulate"() {
        when:
        shell.enter('import java.util.concurrent.atomic.AtomicLong')
        shell.enter('import static java.lang.Math.max')

        then:
        shell.enter('new AtomicLong(max(3, 9))').contains('==> 9')
        shell.enter(':imports').contains('import java.util.concurrent.atomic.AtomicLong')
    }

    def "a pipeline started by def r = p.start() is started once: earlier input is never evaluated again"() {
        when:
        shell.enter('count = new java.util.concurrent.atomic.AtomicInteger()')
        shell.enter('def p = pipeline("once") { stage { count.incrementAndGet(); it } }')
        shell.enter('def r = p.start(1..3)')
        shell.enter('r.join()')
        shell.enter('def other = 1')
        shell.enter('other + 1')

        then:
        shell.enter('count.get()').contains('==> 3')
    }

    // (a dumb terminal shows no continuation prompt; the tmux checks see it on a real terminal)
    def "incomplete input continues on the next line"() {
        when:
        shell.type('def p = pipeline("multi") {\n')
        shell.type('    stage { it * 2 }\n')
        shell.type('}\n')

        then:
        !shell.type('p.run(1..3)\n').await('==> [2, 4, 6]').contains('ERROR')
    }

    def "an unclosed string, a trailing operator and an open list continue"() {
        when:
        shell.type('def t = """a\n')
        shell.type('b"""\n')
        shell.type('def sum = 1 +\n')
        shell.type('2\n')
        shell.type('def l = [1,\n')
        shell.type('2]\n')

        then:
        !shell.type('[t, sum, l]\n').await('==> [a\nb, 3, [1, 2]]').contains('ERROR')
    }

    def "an annotation on a line of its own continues with what it annotates"() {
        when:
        shell.type('@groovy.transform.Field\n')
        shell.type('int frames = 24\n')
        shell.type('@Deprecated\n')
        shell.type('def old() { frames * 2 }\n')

        then:
        !shell.type('old()\n').await('==> 48').contains('ERROR')
    }

    def "a stray closing bracket is an error, not a continuation"() {
        expect:
        shell.enter('1 + 2 }').contains('ERROR input:1')
        shell.enter('3').contains('==> 3')
    }

    def "a long list and a long text are cut, a run shows one line"() {
        expect:
        shell.enter('(1..1000).toList()').contains('...')
        shell.enter('"x" * 5000').contains('(5000 characters)')
        shell.enter('pipeline("short") { stage { it } }.start([1]).with { join(); it }')
                .contains("==> run ")
    }

    def "a value whose toString throws is shown by its type"() {
        when:
        shell.enter('class Bad { String toString() { throw new RuntimeException("no") } }')

        then:
        shell.enter('new Bad()').contains('==> <Bad')
    }
}
