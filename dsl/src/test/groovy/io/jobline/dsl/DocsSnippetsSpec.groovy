package io.jobline.dsl

import spock.lang.Timeout

import java.util.concurrent.TimeUnit

/**
 * Runs every ```groovy block of the pages under docs/, so the detailed documentation stays true as the README's
 * tour does (ReadmeSnippetsSpec). A block whose first line is {@code // not run: <reason>} is shown, not run (it
 * needs a farm, a terminal …; what it shows is tested elsewhere). A block that imports Jobline itself runs in a
 * plain GroovyShell (as in a build tool); the others run as job scripts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DocsSnippetsSpec extends DslSpecification {

    static final File DOCS = new File('../docs')

    def "#page snippet #index runs: #title"() {
        when:
        plain ? new GroovyShell().evaluate(code) : script(code)

        then:
        noExceptionThrown()

        where:
        [page, index, title, code, plain] << snippets()
    }

    def "a block marked as not run says why"() {
        expect:
        notRunWithoutReason() == []
    }

    private static List<List> snippets() {
        List<List> rows = []
        pages().each { File page ->
            blocks(page).findAll { !it.startsWith('// not run') }.eachWithIndex { String code, int i ->
                boolean plain = code.contains('import io.jobline.dsl') || code.contains('import static io.jobline.dsl')
                rows << [page.name, i + 1, code.readLines().first().take(60), code, plain]
            }
        }
        rows ?: [['(no page)', 0, 'docs/ has no groovy block', 'true', false]]
    }

    private static List<String> notRunWithoutReason() {
        pages().collectMany { File page ->
            blocks(page).findAll { it ==~ /(?s)\/\/ not run\s*(:\s*)?\n.*/ }.collect { "${page.name}: ${it.readLines().first()}" }
        }
    }

    private static List<File> pages() {
        assert DOCS.directory: "run the specs from the dsl module: ${DOCS.absolutePath} is missing"
        (DOCS.listFiles({ File f -> f.name.endsWith('.md') } as FileFilter) ?: []).sort { it.name }
    }

    private static List<String> blocks(File page) {
        (page.text =~ /(?ms)^```groovy\n(.*?)^```/).collect { List<String> match -> match[1] }
    }
}
