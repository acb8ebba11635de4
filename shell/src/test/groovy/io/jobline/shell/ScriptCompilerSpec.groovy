package io.jobline.shell

import io.jobline.dsl.shipping.CodeUnits
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

class ScriptCompilerSpec extends Specification {

    def "script class names are valid identifiers made from the file name"() {
        expect:
        ScriptCompiler.className(file) == name

        where:
        file               | name
        'hello.groovy'     | 'hello'
        'my-job.groovy'    | 'my_job'
        'a b.c.groovy'     | 'a_b_c'
        '1st.groovy'       | '_1st'
        'a$b.groovy'       | 'a_b'
        'class.groovy'     | 'class_'
        'def.groovy'       | 'def_'
        'noext'            | 'noext'
        '.groovy'          | '_groovy'
        'été.groovy'       | 'été'
    }

    @TempDir
    Path dir

    def "a compiled script's classes are recorded for worker processes, in a unit bound to the script's loader"() {
        given:
        def file = dir.resolve('my-job.groovy')
        file.toFile().text = 'class Point { int x }\nreturn { new Point(x: it) }'

        when:
        def script = ScriptCompiler.compile(file, new Binding())
        def fn = script.run()
        def unit = CodeUnits.unitOf(fn.getClass())

        then:
        unit != null
        unit.defines('my_job') && unit.defines('Point')
        Class.forName('Point', false, unit.loader()).is(fn(1).getClass())
    }
}
