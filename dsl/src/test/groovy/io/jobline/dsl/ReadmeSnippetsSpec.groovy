package io.jobline.dsl

import spock.lang.Timeout

import java.util.concurrent.TimeUnit

/**
 * Runs every ```groovy block of docs/readme/dsl.md, so the README's DSL tour stays true. A block that imports
 * Jobline itself runs in a plain GroovyShell (as in a Gradle or Maven build); the others run as job scripts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeSnippetsSpec extends DslSpecification {

    static final File README = new File('../docs/readme/dsl.md')

    def 'snippet #index of the DSL readme runs: #title'() {
        when:
        plain ? new GroovyShell().evaluate(code) : script(code)

        then:
        noExceptionThrown()

        where:
        [index, title, code, plain] << snippets().withIndex().collect { String code, int i ->
            [i + 1, code.readLines().first().take(60), code, code.contains('import io.jobline.dsl') || code.contains('import static io.jobline.dsl')]
        }
    }

    def 'the readme has snippets'() {
        expect:
        snippets().size() >= 10
    }

    private static List<String> snippets() {
        assert README.file: "run the specs from the dsl module: ${README.absolutePath} is missing"
        (README.text =~ /(?ms)^```groovy\n(.*?)^```/).collect { List<String> match -> match[1] }
    }
}
