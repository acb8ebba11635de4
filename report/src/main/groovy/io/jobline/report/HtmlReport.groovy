package io.jobline.report

import groovy.text.SimpleTemplateEngine
import groovy.text.Template
import io.jobline.record.ReportWriter

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

/**
 * The report as one self-contained HTML page: the template {@code report.html} (Groovy's SimpleTemplateEngine)
 * with the page's script, its style and uPlot (from its WebJar) inlined, and the recordings as a JSON block that the
 * script draws the charts and the timeline from. Everything a user made (names, items, messages) reaches the page
 * HTML-escaped ({@link ReportText#html}) or inside that JSON with {@code <} escaped, so no value can break it.
 */
final class HtmlReport implements ReportWriter {

    private static final String UPLOT = 'META-INF/resources/webjars/uplot/1.6.30/dist/'

    private static Template template
    private static Map<String, String> assets

    @Override
    void write(List<Map<String, Object>> runs, Map<String, Object> about, Path file) throws IOException {
        String page = render(runs, about)
        Path parent = file.toAbsolutePath().parent
        if (parent != null) {
            Files.createDirectories(parent)
        }
        Files.writeString(file, page, StandardCharsets.UTF_8)
    }

    /** @return the page for {@code runs} */
    static String render(List<Map<String, Object>> runs, Map<String, Object> about) {
        Map<String, Object> info = new LinkedHashMap<>(about)
        info.jobline = ReportText.joblineVersion()
        info.groovy = GroovySystem.version
        List<Map<String, Object>> views = runs.collect { RunView.of(it) }
        Map<String, Object> binding = [
                runs   : views,
                about  : info,
                h      : { Object value -> ReportText.html(value) },
                num    : { Object value -> ReportText.number(value) },
                secs   : { Object value -> ReportText.seconds(value) },
                data   : ReportText.scriptJson(new com.google.gson.GsonBuilder().serializeNulls().create().toJson([runs: runs.collect { RunView.chartData(it) }])),
                assets : assets(),
        ]
        StringWriter out = new StringWriter()
        template().make(binding).writeTo(out)
        out.toString()
    }

    private static synchronized Template template() {
        if (template == null) {
            template = new SimpleTemplateEngine().createTemplate(resource('io/jobline/report/report.html'))
        }
        template
    }

    private static synchronized Map<String, String> assets() {
        if (assets == null) {
            assets = [
                    uplotJs : resource(UPLOT + 'uPlot.iife.min.js'),
                    uplotCss: resource(UPLOT + 'uPlot.min.css'),
                    js      : resource('io/jobline/report/report.js'),
                    css     : resource('io/jobline/report/report.css'),
            ].asImmutable()
        }
        assets
    }

    private static String resource(String name) {
        InputStream stream = HtmlReport.classLoader.getResourceAsStream(name)
        if (stream == null) {
            throw new IllegalStateException("$name is missing from the class path: jobline-report is incomplete")
        }
        stream.withCloseable { new String(it.readAllBytes(), StandardCharsets.UTF_8) }
    }
}
