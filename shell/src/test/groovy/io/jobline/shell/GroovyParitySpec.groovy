package io.jobline.shell

import spock.lang.Shared
import spock.lang.TempDir

import spock.lang.Specification

/**
 * Ordinary Groovy scripts, the kind a person has written for years, run with {@code jobline run} and with Groovy's
 * own {@code groovy.ui.GroovyMain} on the same class path, each in a child JVM as from a shell: what they print and
 * their exit codes must be the same.
 */
class GroovyParitySpec extends Specification {

    @Shared
    @TempDir
    File dir

    @Shared
    File home

    def setupSpec() {
        home = new File(dir, 'home')
        def repository = new LocalRepository(new File(dir, 'repo'))
        repository.grapeConfig(home)   // both read ~/.groovy/grapeConfig.xml, as groovy users configure Grape
    }

    def "#name prints the same and exits the same under jobline run and groovy"() {
        given:
        def file = new File(dir, "parity_${name}.groovy")   // a script named args or yaml would shadow those names
        file.text = text.stripIndent()
        List<String> jvm = ["-Duser.home=${home}".toString()]

        when:
        def groovy = ChildJvm.run(dir, jvm, ['groovy.ui.GroovyMain', file.path, 'one', '--two'])
        def jobline = ChildJvm.jobline(dir, jvm, 'run', file.path, 'one', '--two')

        then:
        groovy.code == code
        jobline.code == groovy.code
        jobline.out == groovy.out
        groovy.out.contains(expected)

        where:
        name        | code | expected       | text
        'json'      | 0    | '{"a":[1,2]}'  | '''
            import groovy.json.*
            def data = new JsonSlurper().parseText('{"a": [1, 2]}')
            println JsonOutput.toJson(data)
            println new JsonBuilder([name: 'x', list: [1, 2]]).toPrettyString()
            '''
        'xml'       | 0    | 'hi 2'         | '''
            import groovy.xml.*
            def root = new XmlSlurper().parseText('<r><x n="1">hi</x><x n="2">there</x></r>')
            println "${root.x[0]} ${root.x.size()}"
            def writer = new StringWriter()
            new MarkupBuilder(writer).shot(name: '010') { frame(1) }
            println writer
            '''
        'templates' | 0    | 'Hello World'  | '''
            import groovy.text.*
            println new SimpleTemplateEngine().createTemplate('Hello ${who}').make(who: 'World')
            println new groovy.text.markup.MarkupTemplateEngine().createTemplate('p(text)').make(text: 'para')
            '''
        'yaml'      | 0    | 'render'       | '''
            println new groovy.yaml.YamlSlurper().parseText('job: render\\nframes: [1, 2]').job
            def builder = new groovy.yaml.YamlBuilder()
            builder(frames: [1, 2])
            println builder
            '''
        'files'     | 0    | 'lines: 3'     | '''
            import java.nio.file.*
            def path = Files.createTempFile('parity', '.txt')
            path.text = "a\\nb\\nc\\n"                       // groovy-nio
            println "lines: ${path.readLines().size()}"
            def file = path.toFile()
            file << 'd\\n'
            println file.text.tokenize().join(',')
            Files.delete(path)
            '''
        'dates'     | 0    | '1970-01-01'   | '''
            println new Date(0).format('yyyy-MM-dd', TimeZone.getTimeZone('UTC'))     // groovy-dateutil
            println java.time.LocalDate.of(2026, 12, 1).format('dd/MM/yyyy')            // groovy-datetime
            println((java.time.LocalDate.of(2026, 1, 1) + 3).toString())
            '''
        'sql'       | 0    | 'groovy.sql.Sql' | '''
            println groovy.sql.Sql.name
            println new groovy.sql.GroovyRowResult([frame: 7]).frame
            '''
        'threads'   | 0    | 'late'         | '''
            def latch = new java.util.concurrent.CountDownLatch(1)
            Thread.start { latch.await(); sleep 300; println 'late' }   // not joined: the script waits for it
            println 'early'
            latch.countDown()
            '''
        'args'      | 0    | '[one, --two]' | '''
            println args.toList()
            assert args instanceof String[]
            '''
        'fields'    | 0    | 'counter 3'    | '''
            import groovy.transform.Field
            @Field int counter = 1
            def bump() { counter++ }
            bump(); bump()
            println "counter $counter"
            '''
        'classes'   | 0    | 'Shot 010'     | '''
            class Shot { String name; String toString() { "Shot $name" } }
            println new Shot(name: '010')
            '''
        'exit'      | 3    | 'before exit'  | '''
            println 'before exit'
            System.exit(3)
            '''
        'grab'      | 0    | 'hello grab'   | '''
            @Grab('org.example:greeter:1.0')
            import org.example.Greeter
            println Greeter.greet('grab')
            '''
    }
}
