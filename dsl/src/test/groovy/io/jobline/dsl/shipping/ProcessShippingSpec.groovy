package io.jobline.dsl.shipping

import io.jobline.backend.BackendScope
import io.jobline.backend.process.WorkerDiedException
import io.jobline.dsl.JoblineDsl
import io.jobline.dsl.Tasks
import io.jobline.shipping.NotShippableException
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit

/**
 * Job scripts on {@code backend: 'process'}: closures, methods and classes the script defines run in worker JVMs,
 * which get them as shipped bytecode. No worker outlives its test.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProcessShippingSpec extends Specification {

    static Object script(String text) {
        JoblineDsl.newShell().evaluate(text, 'job.groovy')
    }

    def cleanup() {
        Tasks.shutdown()
        assert leftOverWorkers() == []
    }

    /** Worker processes still alive once those that are ending (a task executor's, after shutdown) have ended. */
    static List<String> leftOverWorkers() {
        BackendScope.shared().closeIdle()
        def alive = ProcessHandle.current().descendants().filter { it.alive }.toList()
        alive.each { it.onExit().get(10, TimeUnit.SECONDS) }
        alive.findAll { it.alive }.collect { "${it.pid()} ${it.info().commandLine().orElse('?')}".toString() }
    }

    def 'an executor runs a closure that calls a script method, a binding variable and a @Field in worker JVMs'() {
        expect:
        script('''
            import groovy.transform.Field
            @Field int offset = 1
            factor = 2
            def square(x) { x * x }
            executor(backend: 'process', workers: 2).withCloseable { ex ->
                (1..40).collect { i -> ex.submit({ square(it) * factor + offset }, i) }*.get()
            }
        ''') == (1..40).collect { it * it * 2 + 1 }
    }

    def 'a pipeline stage on the process backend returns instances of a class the script defines'() {
        when:
        def result = script('''
            class Tile {
                int n
                long checksum
            }
            def render(n) { new Tile(n: n, checksum: (1..n).sum()) }
            def tiles = pipeline(keepOrder: true) {
                stage { it * 10 }
                stage({ render(it) }, backend: 'process', threads: 2)
            }.run(1..30)
            [tiles.every { it instanceof Tile }, tiles*.checksum]
        ''')

        then:
        result == [true, (1..30).collect { (1..(it * 10)).sum() }]
    }

    def 'a capture that cannot be sent fails naming variable, type and line, before anything runs'() {
        when:
        script('''def conn = Thread.currentThread()
executor(backend: 'process', workers: 1).withCloseable { ex ->
    ex.submit({ x ->
        conn.name + x }, 1)
}''')

        then:
        NotShippableException e = thrown()
        e.message ==~ /task \d+ \(job\.groovy:4\) captures variable 'conn' of type java\.lang\.Thread, / +
                /which cannot be sent to a worker process/
    }

    def '@Task(backend = \'process\') runs the method body in a worker'() {
        expect:
        script('''
            @Task(backend = 'process')
            def pid(int n) { [n * 2, ProcessHandle.current().pid()] }
            def results = (1..4).collect { pid(it) }*.get()
            [results*.getAt(0), results.every { it[1] != ProcessHandle.current().pid() }]
        ''') == [[2, 4, 6, 8], true]
    }

    def '@Task(backend = \'process\') called by code already in a worker runs there, without workers of its own'() {
        expect:
        script('''
            @Task(backend = 'process')
            def pid(int n) { [n, ProcessHandle.current().pid()] }
            executor(backend: 'process', workers: 1).withCloseable { ex ->
                ex.submit({
                    def inner = pid(5).get()
                    [inner[0], inner[1] == ProcessHandle.current().pid(), ProcessHandle.current().children().count()]
                }).get()
            }
        ''') == [5, true, 0L]
    }

    def 'a jar the script adds to its class loader at run time (what @Grab does) reaches the workers'() {
        given: 'a jar with a class nobody has on the class path'
        def jar = greeterJar(File.createTempDir())

        expect:
        script("""
            this.class.classLoader.addURL(new URL('${jar.toURI()}'))
            executor(backend: 'process', workers: 1).withCloseable { ex ->
                ex.submit({ name ->
                    Class.forName('grabbed.Greeter', true, this.class.classLoader).getDeclaredConstructor().newInstance()
                            .greet(name)
                }, 'worker').get()
            }
        """) == 'hello worker'
    }

    /** Compiles grabbed.Greeter (greet(name) returns "hello " + name) with the JDK's compiler into a jar. */
    static File greeterJar(File dir) {
        def source = new File(dir, 'grabbed/Greeter.java')
        source.parentFile.mkdirs()
        source.text = 'package grabbed; public class Greeter { public String greet(String name) { return "hello " + name; } }'
        assert javax.tools.ToolProvider.systemJavaCompiler.run(null, null, null, '-d', dir.path, source.path) == 0
        def jar = new File(dir, 'greeter.jar')
        new java.util.jar.JarOutputStream(new FileOutputStream(jar)).withCloseable { out ->
            out.putNextEntry(new java.util.jar.JarEntry('grabbed/Greeter.class'))
            out.write(new File(dir, 'grabbed/Greeter.class').bytes)
            out.closeEntry()
        }
        jar
    }

    def 'System.exit in a task fails that task and leaves the caller running'() {
        when:
        script('''
            executor(backend: 'process', workers: 1).withCloseable { ex ->
                ex.submit({ System.exit(3) }).get()
            }
        ''')

        then:
        ExecutionException e = thrown()
        e.cause instanceof WorkerDiedException
        e.cause.message.contains('exited with code 3')
    }

    def 'map in chunks, with spread items, calls a script method in the workers'() {
        expect:
        script('''
            def area(w, h) { w * h }
            executor(backend: 'process', workers: 2).withCloseable { ex ->
                ex.map(chunk: 7, spread: true, { w, h -> area(w, h) }, (1..50).collect { [it, 2] }).toList()
            }
        ''') == (1..50).collect { it * 2 }
    }
}
