// A live run: feed it by hand, resize a stage while it runs, read its stats (also as JSON).
def run = pipeline('live') {
    stage { it * 2 }, name: 'double', threads: 2
    stage { it + 1 }, name: 'inc'
}.start()

(1..500).each { run.put(it) }
run.threads('double', 4)                             // grow while items flow
(501..1000).each { run.put(it) }
run.close()

def total = run.results.sum()
run.join()
def stats = run.stats()
println "state: ${run.state}, total: $total"
stats.stages.each { s -> println "${s.name}: threads=${s.threads} in=${s.in} out=${s.out} errors=${s.errors}" }
assert stats.in == 1000 && stats.out == 1000
