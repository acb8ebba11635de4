package io.jobline.dsl

import spock.lang.Timeout

import java.util.concurrent.TimeUnit

/**
 * Runs every ```groovy block of the README's DSL tour (its "## The DSL" section), so the tour stays true. A block
 * that imports Jobline itself runs in a plain GroovyShell (as in a Gradle or Maven build); the others run as job
 * scripts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeSnippetsSpec extends DslSpecification {

    static final File README = new File('../README.md')

    def "snippet #index of the README's DSL tour runs: #title"() {
        when:
        plain ? new GroovyShell().evaluate(code) : script(code)

        then:
        noExceptionThrown()

        where:
        [index, title, code, plain] << snippets().withIndex().collect { String code, int i ->
            [i + 1, code.readLines().first().take(60), code, code.contains('import io.jobline.dsl') || code.contains('import static io.jobline.dsl')]
        }
    }

    def "the README's DSL tour has snippets"() {
        expect:
        snippets().size() >= 10
    }

    private static List<String> snippets() {
        assert README.file: "run the specs from the dsl module: ${README.absolutePath} is missing"
        def section = README.text =~ /(?ms)^## The DSL\n(.*?)(?=^## )/
        assert section.find(): "${README.absolutePath} has no '## The DSL' section"
        (section.group(1) =~ /(?ms)^```groovy\n(.*?)^```/).collect { List<String> match -> match[1] }
    }
}
