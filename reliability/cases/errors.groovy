// Exceptions in 1% of the items (every 100th) in each kind of stage, under each error policy. 'collect' and
// 'ignore' must account for every item (outputs + errors = items in); 'fail' must stop at an error, naming it.
def home = System.getenv('RELIABILITY_HOME')
def Probe = new GroovyClassLoader(this.class.classLoader).parseClass(new File(home, 'lib/Probe.groovy'))
int items = 10_000

def failing = { int n -> if (n % 100 == 0) throw new IllegalStateException("bad item $n"); n }
Map<String, Closure<Map>> kinds = [
        'one thread'                      : { -> [:] },
        'threads: 4'                      : { -> [threads: 4] },
        'by: key (dispatcher)'            : { -> [by: { it % 7 }, threads: 3] },
        'emitting { item, emit -> }'      : { -> [emit: true] },
        "backend: 'process', 2 workers"   : { -> [backend: 'process', threads: 2] },
]

// Quick mode (CI): the process stage with 2,000 items and 'collect' only (10,000 calls to 2 JVMs take a while).
kinds.each { kind, optionsOf ->
    boolean processKind = kind.contains('process')
    int count = Probe.quick && processKind ? 2_000 : items
    (Probe.quick && processKind ? ['collect'] : ['fail', 'collect', 'ignore']).each { policy ->
        Probe.row('errors', "1% of ${count} fail in a stage with ${kind}, errors: '${policy}'") {
            Map options = optionsOf()
            boolean emit = options.remove('emit')
            def fn = emit ? { n, emitter -> emitter(failing(n)) } : failing
            def p = pipeline(name: "errors-${policy}", errors: policy) {
                stage({ it }, name: 'before')
                stage(options, fn)
            }
            def run = p.start(1..count)
            int out = 0
            Throwable thrown = null
            try {
                for (def r : run.results) {
                    out++
                }
            } catch (Exception e) {
                thrown = e
            }
            run.join(600)
            def stats = run.stats()
            if (policy == 'fail') {
                // Stopped at the first error: the rest never ran; the error must say which item failed.
                def named = thrown?.message =~ /item (\d+)/
                boolean ok = thrown != null && named.find() && (named.group(1) as int) % 100 == 0
                return [in: stats.in, out: out, errors: stats.errors, lost: 0,
                        note: "stopped at the first error (${stats.in - out - stats.errors} never ran)",
                        fail: ok ? null : "expected a failure naming a bad item, got ${thrown}"]
            }
            Map row = [in: stats.in, out: out, errors: stats.errors]
            if (thrown) {
                row.fail = "threw ${thrown}"
            } else if (stats.errors != count / 100) {
                row.fail = "${stats.errors} errors, expected ${count / 100}"
            } else if (policy == 'collect' && run.errors.size() != count / 100) {
                row.fail = "run.errors has ${run.errors.size()}, expected ${count / 100}"
            }
            row
        }
    }
}
