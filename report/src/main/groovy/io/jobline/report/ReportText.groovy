package io.jobline.report

import groovy.xml.XmlUtil

/** Text helpers of the report page: escaping, numbers, the version. */
final class ReportText {

    private ReportText() {
    }

    /** @return {@code value} as text safe inside HTML elements and attribute values (quotes escaped too) */
    static String html(Object value) {
        XmlUtil.escapeXml(io.jobline.util.Show.text(value, 100_000))
    }

    /** @return JSON made safe inside a {@code <script>} element: no {@code <}, {@code >}, {@code &} or line separators */
    static String scriptJson(String json) {
        json.replace('<', '\\u003c').replace('>', '\\u003e').replace('&', '\\u0026')
                .replace('\u2028', '\\u2028').replace('\u2029', '\\u2029')
    }

    /** @return a count with thousands separators, or a rate with one decimal */
    static String number(Object value) {
        if (value == null) {
            return '-'
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = value as double
            return d >= 100 ? String.format('%,d', Math.round(d)) : String.format('%.1f', d)
        }
        String.format('%,d', value as long)
    }

    /** @return seconds for people: 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min */
    static String seconds(Object value) {
        double s = (value ?: 0) as double
        if (s < 1) {
            return "${Math.round(s * 1000)} ms"
        }
        if (s < 60) {
            return String.format('%.1f s', s)
        }
        if (s < 3600) {
            return String.format('%d min %02d s', (long) (s / 60), (long) (s % 60))
        }
        String.format('%d h %02d min', (long) (s / 3600), (long) ((s % 3600) / 60))
    }

    static String joblineVersion() {
        InputStream stream = ReportText.classLoader.getResourceAsStream('io/jobline/report/version.properties')
        if (stream == null) {
            return 'unknown'
        }
        Properties properties = new Properties()
        stream.withCloseable { properties.load(it) }
        properties.getProperty('version', 'unknown')
    }
}
