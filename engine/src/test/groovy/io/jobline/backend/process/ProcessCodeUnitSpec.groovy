package io.jobline.backend.process

import io.jobline.backend.Work
import io.jobline.shipping.CodeUnit
import io.jobline.testing.UnitCompiler
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path

/**
 * Classes compiled at run time in the caller (recorded in a CodeUnit, as a script's are) reach the workers: sent
 * once per worker before the first call that needs them, and again only what was added since.
 */
@Timeout(60)
class ProcessCodeUnitSpec extends Specification {

    @Shared
    ProcessBackend backend = ProcessBackend.create([workers: 1])

    @Shared
    Path sources = Files.createTempDirectory('jobline-unit')

    def cleanupSpec() {
        backend.close()
        sources.toFile().deleteDir()
        assert Workers.leftOver() == []
    }

    void compileInto(CodeUnit unit, Map<String, String> classes) {
        UnitCompiler.compileInto(unit, classes, sources)
    }

    def "a function, its argument and its result of classes compiled at run time cross both ways"() {
        given:
        def unit = CodeUnit.create()
        def loader = new UnitLoader(unit)
        compileInto(unit, [
                'gen.Box'  : 'package gen; public class Box implements java.io.Serializable { public final long value; ' +
                        'public Box(long value) { this.value = value; } }',
                'gen.Boxer': 'package gen; public class Boxer implements io.jobline.function.JobFunction { ' +
                        'public Object call(Object... args) { return new Box(((Number) args[0]).longValue() * 3); } }'])

        when:
        def result = backend.submit(Work.of(loader.loadClass('gen.Boxer').getConstructor().newInstance(), [5] as Object[], null)).get()

        then: 'the result is of the very class the caller has'
        result.getClass().is(loader.loadClass('gen.Box'))
        result.value == 15

        when: 'more classes are compiled into the same unit later, and one takes a Box'
        compileInto(unit, ['gen.Doubler': 'package gen; public class Doubler implements io.jobline.function.JobFunction { ' +
                'public Object call(Object... args) { return new Box(((Box) args[0]).value * 2); } }'])
        def doubler = loader.loadClass('gen.Doubler').getConstructor().newInstance()
        def box = loader.loadClass('gen.Box').getConstructor(long).newInstance(21L)
        def doubled = backend.submit(Work.of(doubler, [box] as Object[], null)).get()

        then:
        doubled.getClass().is(box.getClass())
        doubled.value == 42
    }

    def "many functions: each worker forgets the least recently used ones beyond its bound, and calls still work"() {
        when:
        def count = WorkerProcess.FUNCTIONS_PER_WORKER * 2 + 10
        def futures = (1..count).collect { backend.submit(Work.of(new TestFunctions.Square(), [it] as Object[], null)) }
        def again = (1..20).collect { backend.submit(Work.of(new TestFunctions.Square(), [it] as Object[], null)) }

        then:
        futures*.get() == (1..count).collect { (long) it * it }
        again*.get() == (1..20).collect { (long) it * it }
    }
}
