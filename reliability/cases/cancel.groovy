// Cancel and timeout, many times in a row, on threads and on worker processes: every run must end (CANCELLED or
// timed out), and the threads and processes they used must all be gone afterwards.
def home = System.getenv('RELIABILITY_HOME')
def Probe = new GroovyClassLoader(this.class.classLoader).parseClass(new File(home, 'lib/Probe.groovy'))
int times = 100
int processTimes = Probe.quick ? 10 : 100

def endless = { -> [hasNext: { true }, next: { 1 }] as Iterator }

/** Repeats `once` (which returns true when the run ended as it should) and counts. */
def repeat = { int n, Closure<Boolean> once ->
    int ended = 0
    int wrong = 0
    n.times { (once() ? ended++ : wrong++) }
    [in: n, out: ended, errors: wrong, lost: 0, fail: wrong ? "${wrong} runs did not end as asked" : null]
}

def cancelRun = { Map options ->
    def p = pipeline([name: 'cancelled'] + options) { stage({ Thread.sleep(1); it }, threads: 2) }
    def run = p.start(endless())
    run.results.next() // it is going
    run.cancel()
    run.join(120) && run.state.toString() == 'CANCELLED'
}

def timeoutRun = { Map options ->
    def p = pipeline([name: 'timed-out'] + options) { stage({ Thread.sleep(1); it }, threads: 2) }
    try {
        p.run(endless(), timeout: 0.05)
        false
    } catch (io.jobline.pipeline.PipelineTimeoutException expected) {
        true
    }
}

Probe.row('cancel', "cancel a running pipeline, ${times}× (threads)") { repeat(times) { cancelRun([:]) } }
Probe.row('cancel', "timeout of a pipeline (0.05 s), ${times}× (threads)") { repeat(times) { timeoutRun([:]) } }
Probe.row('cancel', "cancel a running job, ${times}× (executor, threads)") {
    repeat(times) {
        executor(workers: 2).withCloseable { ex ->
            def started = new java.util.concurrent.CountDownLatch(1)
            def f = ex.submit { started.countDown(); Thread.sleep(60_000) }
            started.await()
            f.cancel(true) && f.state.toString() == 'CANCELLED'
        }
    }
}
Probe.row('cancel', "cancel a running pipeline, ${processTimes}× (process backend)") {
    repeat(processTimes) { cancelRun(backend: 'process', workers: 2) }
}
Probe.row('cancel', "timeout of a pipeline (0.05 s), ${processTimes}× (process backend)") {
    repeat(processTimes) { timeoutRun(backend: 'process', workers: 2) }
}
Probe.row('cancel', "cancel a running job, ${processTimes}× (executor, process backend)") {
    repeat(processTimes) {
        executor(backend: 'process', workers: 1).withCloseable { ex ->
            def f = ex.submit { Thread.sleep(60_000) }
            while (f.state.toString() == 'PENDING') { // RUNNING once a worker took it: no signal for that
                try {
                    f.get(0.05)
                } catch (java.util.concurrent.TimeoutException ignored) {
                    // still pending or running: look again
                }
            }
            f.cancel(true) && f.state.toString() == 'CANCELLED'
        }
    }
}
