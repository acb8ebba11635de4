// Bad inputs: every misuse of cases/misuses.groovy through the `jobline run` command line, checked for the script's
// file:line, the bad value, the valid ones, the exit code and no stack trace. The quick mode runs the command line in
// this JVM (io.jobline.shell.Main, what the launcher runs; a JVM start per misuse would take minutes); the full run
// starts `jobline run` for each, as a user would. Writes the per-misuse table to $RELIABILITY_MISUSES (JSON lines).
import groovy.json.JsonOutput

def home = System.getenv('RELIABILITY_HOME')
def Probe = new GroovyClassLoader(this.class.classLoader).parseClass(new File(home, 'lib/Probe.groovy'))
def misuses = evaluate(new File(home, 'cases/misuses.groovy'))
boolean inProcess = Probe.quick || System.getenv('RELIABILITY_MISUSE_IN_PROCESS') == '1'
def jobline = new File(home, '../jobline').canonicalPath
def dir = File.createTempDir('jobline-misuse-', '')

/** @return [exit, stderr] of the command line `words`, run in `dir`; at most 120 s */
def commandLine = { List<String> words ->
    if (!inProcess) {
        def process = new ProcessBuilder([jobline] + words).directory(dir).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
        def err = new StringBuilder()
        def reader = Thread.start { err << process.errorStream.text }
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly()
            return [-1, 'hung for 120 s']
        }
        reader.join()
        return [process.exitValue(), err.toString()]
    }
    def bytes = new ByteArrayOutputStream()
    def err = new PrintStream(bytes, true, 'UTF-8')
    int code = -1
    def worker = Thread.start {
        code = new io.jobline.shell.Main(new PrintStream(OutputStream.nullOutputStream()), err)
                .execute(words.collect { it.startsWith('/') || !it.endsWith('.groovy') ? it : new File(dir, it).path } as String[])
    }
    worker.join(120_000)
    if (worker.alive) {
        worker.interrupt()
        return [-1, 'hung for 120 s']
    }
    [code, bytes.toString('UTF-8')]
}

List<Map> results = []
misuses.eachWithIndex { Map m, int i ->
    String file = null
    List<String> words = m.cli
    if (m.script) {
        file = String.format('misuse_%02d.groovy', i + 1)
        new File(dir, file).text = m.script
        words = ['run', new File(dir, file).path]
    }
    def (int code, String err) = commandLine(words)
    List<String> failed = []
    if (code != m.exit) failed << "exit $code, expected ${m.exit}"
    if (err.contains('\tat ')) failed << 'stack trace'
    if (file && m.line && !err.contains("${file}:${m.line}")) failed << "no ${file}:${m.line}"
    if (m.bad && !err.contains(m.bad)) failed << "no bad value '${m.bad}'"
    if (m.valid && !err.contains(m.valid)) failed << "no valid hint '${m.valid}'"
    String message = err.readLines().findAll { it.trim() && !it.startsWith('pipeline \'') }.take(3).join(' / ')
    results << [misuse: m.name, exit: code, message: message.take(300), ok: failed.empty, failed: failed.join('; ')]
}
dir.deleteDir()
String table = System.getenv('RELIABILITY_MISUSES')
if (table) {
    new File(table).text = results.collect { JsonOutput.toJson(it) }.join('\n') + '\n'
}
def bad = results.findAll { !it.ok }
Probe.row('bad inputs', "${results.size()} DSL and CLI misuses through jobline run${inProcess ? ' (in one JVM)' : ''}") {
    [in: results.size(), out: results.size() - bad.size(), errors: bad.size(), lost: 0,
     note: bad ? "failing: ${bad*.misuse.join(', ')}" : 'each names file:line, the bad value and the valid ones',
     fail: bad ? "${bad.size()} messages fail the check (see the misuse table)" : null]
}
