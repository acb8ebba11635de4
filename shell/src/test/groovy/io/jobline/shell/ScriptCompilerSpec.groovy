package io.jobline.shell

import spock.lang.Specification

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
}
