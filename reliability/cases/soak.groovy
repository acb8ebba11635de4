// A soak: mixed pipelines, executors, pools, process calls and abandoned streams, round after round, for
// RELIABILITY_SOAK_SECONDS (600 in the full run, 60 in --quick), next to one live run fed all along. The heap after
// a full collection is sampled at regular times (each minute in the full run, each 3 s in --quick); its slope, in
// MB per minute by least squares, must be flat: nothing may grow per finished run.
def home = System.getenv('RELIABILITY_HOME')
def Probe = new GroovyClassLoader(this.class.classLoader).parseClass(new File(home, 'lib/Probe.groovy'))
long seconds = (System.getenv('RELIABILITY_SOAK_SECONDS') ?: (Probe.quick ? '60' : '600')) as long
long sampleEvery = Probe.quick ? 3 : 60
// Quick mode soaks 60 s, not less: the heap fills for its first ~15 s (warm-up; a bounded fill, not told apart further)
// and then stays level, and the slope is taken after the first third; in 30 s the fill itself measured
// +3-5 MB/min on an idle 2-core machine, while 120 s of the same work gave +0.14 MB/min.
// Flat: the full run's ten minutes can tell 0.5 MB/min; 60 s of quick mode only a coarser 3 MB/min (a leak of
// 10 KB per finished run would show as about 6 MB/min there).
double flatMbPerMinute = Probe.quick ? 3.0d : 0.5d

Probe.row('soak', "mixed work for ${seconds} s beside one live run, heap sampled every ${sampleEvery} s") {
    def live = pipeline('soak-live', keepOrder: false) { stage({ it * 2 }, threads: 2) }.start()
    long liveOut = 0
    def reader = Thread.start('soak-live-reader') { for (def r : live.results) { liveOut++ } }
    def thread = pipeline('soak-threads') { stage({ it + 1 }, threads: 2); stage { it * 2 } }
    def process = pipeline('soak-process', backend: 'process', workers: 2) { stage({ it + 1 }, threads: 2) }
    long put = 0, expected = 0, got = 0, rounds = 0
    List<List<Double>> samples = [] // [minutes since start, MB]
    long start = System.nanoTime()
    long nextSample = 0
    while ((System.nanoTime() - start) / 1e9 < seconds) {
        rounds++
        100.times { live.put(it); put++ }
        got += thread.run(1..2000).size(); expected += 2000
        got += process.run(1..100).size(); expected += 100
        executor(workers: 2).withCloseable { ex -> got += ex.map({ it * 3 }, 1..500).toList().size() }; expected += 500
        def pool = pool(2) { p -> 50.times { p.put({ x -> x }, [it]) } }
        got += drain(pool.outbox).size(); expected += 50
        got += thread.stream(1..1_000_000).limit(3).toList().size(); expected += 3 // left unclosed on purpose
        if (rounds % 5 == 0) {
            executor(backend: 'process', workers: 1).withCloseable { ex -> got += ex.submit { 7 }.get() == 7 ? 1 : 0 }
            expected++
        }
        double elapsed = (System.nanoTime() - start) / 1e9
        if (elapsed >= nextSample) {
            samples << [elapsed / 60, Probe.heapMb()]
            nextSample += sampleEvery
        }
    }
    live.close()
    live.join(120)
    reader.join(120_000)
    // Least squares over the last two thirds of the samples (class loading and JIT warm-up land in the first third).
    def points = samples.size() > 3 ? samples.drop(samples.size().intdiv(3)) : samples
    double mx = points.sum { it[0] } / points.size(), my = points.sum { it[1] } / points.size()
    double sxx = points.sum { (it[0] - mx) ** 2 }, sxy = points.sum { (it[0] - mx) * (it[1] - my) }
    double slope = sxx ? sxy / sxx : 0
    def note = String.format('%d rounds; heap %s MB; slope %+.2f MB/min (flat: within ±%.1f)', rounds,
            samples.collect { String.format('%.1f', it[1]) }.join(' '), slope, flatMbPerMinute)
    [in: expected + put, out: got + liveOut, errors: 0, note: note,
     fail: Math.abs(slope) > flatMbPerMinute ? String.format('heap slope %+.2f MB/min is not flat', slope) : null]
}
