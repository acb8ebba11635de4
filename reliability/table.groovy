// Renders the rows the cases wrote (RELIABILITY_ROWS, JSON lines) as a text table on stdout and as Markdown in
// args[0]; exits 1 when any row failed (FAIL), or when a case script wrote fewer rows than it should (it died).
import groovy.json.JsonSlurper

def rows = new File(System.getenv('RELIABILITY_ROWS')).readLines().findAll().collect { new JsonSlurper().parseText(it) }
def misuseFile = System.getenv('RELIABILITY_MISUSES')
def misuses = misuseFile && new File(misuseFile).exists() ?
        new File(misuseFile).readLines().findAll().collect { new JsonSlurper().parseText(it) } : []
def crashed = (System.getenv('RELIABILITY_CRASHED') ?: '').split(' ').findAll()
def command = System.getenv('RELIABILITY_COMMAND') ?: 'reliability/run'

def columns = ['', 'case', 'items in', 'outputs', 'errors', 'lost', 'leaked threads', 'leaked processes', 'heap MB before → after', 'notes']
def show = { value -> value == null ? '-' : String.valueOf(value) }
def cells = rows.collect { r ->
    [r.ok ? 'ok' : 'FAIL', "${r.group}: ${r.case}", r.in, r.out, r.errors, r.lost, r.threads, r.processes,
     "${r.heapBefore} → ${r.heapAfter}", r.note ?: ''].collect(show)
}
crashed.each { cells << ['FAIL', "${it}: the case script died or hung (see its log)", '-', '-', '-', '-', '-', '-', '-', ''] }

// Text: fixed-width columns, the notes left unpadded at the end.
def widths = columns.indices.collect { i -> ([columns[i]] + cells*.getAt(i))*.length().max() }
def line = { List<String> c -> c.indices.collect { i -> i == c.size() - 1 ? c[i] : c[i].padRight(widths[i]) }.join('  ') }
println line(columns)
cells.each { println line(it) }
int failed = cells.count { it[0] == 'FAIL' }
println()
println(failed ? "reliability: ${failed} of ${cells.size()} rows FAIL" : "reliability: all ${cells.size()} rows ok")

def md = new StringBuilder()
md << "# Reliability figures\n\n"
md << "`${command}` on ${InetAddress.localHost.hostName}, ${Runtime.runtime.availableProcessors()} cores, " +
        "Java ${Runtime.version()}, ${new Date().format("d MMM yyyy HH:mm 'UTC'", TimeZone.getTimeZone('UTC'))}: " +
        "${failed ? "**${failed} of ${cells.size()} rows FAIL**" : "all ${cells.size()} rows ok"}.\n\n"
def esc = { String s -> s.replace('|', '\\|') }
md << '| ' << columns.collect { it ?: 'result' }.join(' | ') << ' |\n'
md << '|' << columns.collect { ' --- ' }.join('|') << '|\n'
cells.each { md << '| ' << it.collect { esc(it) }.join(' | ') << ' |\n' }
if (misuses) {
    md << "\n## Bad inputs\n\nEach misuse run through `jobline run`; checked: the exit code, no stack trace, the " +
            "script's file:line, the bad value and the valid ones (where they apply).\n\n"
    md << '| | misuse | exit | message (first lines) |\n| --- | --- | --- | --- |\n'
    misuses.each { m ->
        String message = m.message.replaceAll(/\/tmp\/jobline-misuse-\d+\//, '')
        md << "| ${m.ok ? 'ok' : "FAIL: ${esc(m.failed)}"} | ${esc(m.misuse)} | ${m.exit} | ${esc(message)} |\n"
    }
}
new File(args[0]).text = md.toString()
System.exit(failed ? 1 : 0)
