// Worker faults on the process backend: kill -9 of a worker mid-run, System.exit and OutOfMemoryError in a worker,
// each with and without retries. Every item must end as an output or an error; no worker may outlive the run.
def home = System.getenv('RELIABILITY_HOME')
def Probe = new GroovyClassLoader(this.class.classLoader).parseClass(new File(home, 'lib/Probe.groovy'))
int items = 1000
def scratch = File.createTempDir('jobline-reliability-', '')

/** The worker JVMs of this JVM's process backends. */
def workers = { ->
    ProcessHandle.current().descendants().findAll {
        it.alive && it.info().commandLine().orElse('').contains('WorkerMain')
    }.toList()
}

/** Runs `items` items through a 2-worker process stage; `fault(run)` is called once after 100 outputs. */
def faultRun = { String name, int retries, Closure fault, Closure stageFn, Map backendOptions = [:] ->
    def p = pipeline([name: name, backend: 'process', workers: 2, errors: 'collect'] + backendOptions) {
        stage(stageFn, threads: 2, retries: retries)
    }
    def run = p.start(1..items)
    int out = 0
    for (def it : run.results) {
        out++
        if (out == 100) {
            fault()
        }
    }
    run.join(600)
    [in: run.stats().in, out: out, errors: run.errors.size(), state: run.state]
}

def kill9 = { ->
    def victim = workers().first()
    victim.destroyForcibly() // SIGKILL
    victim.onExit().get()
}

[0, 2].each { retries ->
    Probe.row('workers', "kill -9 of a worker mid-run, ${retries ? "retries: $retries" : 'no retries'}") {
        def r = faultRun("kill9-r$retries", retries, kill9, { Thread.sleep(2); it })
        def note = "${r.errors} in flight on the killed worker failed"
        if (retries && r.errors) {
            return r + [fail: "${r.errors} errors despite retries", note: note]
        }
        if (!retries && !r.errors) { // killed between calls: what it had not begun went to a fresh worker
            note = 'no call in flight on the killed worker: none failed'
        }
        r + [note: retries ? 'every item retried on a fresh worker' : note]
    }
}

// Quick mode (CI) runs these two without retries only: the kill -9 rows above show the retry path.
List<Integer> retryChoices = Probe.quick ? [0] : [0, 1]

retryChoices.each { retries ->
    def marker = new File(scratch, "exit-$retries").path
    Probe.row('workers', "System.exit(3) in a worker, ${retries ? "retries: $retries" : 'no retries'}") {
        def r = faultRun("exit-r$retries", retries, {}, { n ->
            if (n == 300 && new File(marker).createNewFile()) {
                System.exit(3)
            }
            Thread.sleep(1)
            n
        })
        r + (retries ? (r.errors ? [fail: "${r.errors} errors despite retries"] : [note: 'the item ran again'])
                : (r.errors ? [note: "${r.errors} failed with the worker"] : [fail: 'the exit went unnoticed']))
    }
}

retryChoices.each { retries ->
    def marker = new File(scratch, "oom-$retries").path
    Probe.row('workers', "OutOfMemoryError in a worker (-Xmx64m), ${retries ? "retries: $retries" : 'no retries'}") {
        def r = faultRun("oom-r$retries", retries, {}, { n ->
            if (n == 300 && new File(marker).createNewFile()) {
                def hog = []
                while (true) {
                    hog << new long[1 << 20]
                }
            }
            n
        }, [jvmArgs: '-Xmx64m'])
        r + (retries ? (r.errors ? [fail: "${r.errors} errors despite retries"] : [note: 'the item ran again'])
                : (r.errors ? [note: "${r.errors} failed with the worker"] : [fail: 'the OOM went unnoticed']))
    }
}
scratch.deleteDir()
