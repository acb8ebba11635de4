// Executors and futures (concurrent.futures / qbfutures): submit, lazy ordered map, a batch as one job,
// and results as they complete.
def square = { x -> x * x }
def slowAdd = { a, b -> a + b }

executor(workers: 4, name: 'demo').withCloseable { ex ->
    def f = ex.submit(slowAdd, 1, 2)
    def g = ex.submit(square, 7, name: 'seven squared')
    println "submit: ${f.get()} and ${g.result}"

    def squares = ex.map(square, 0..9, chunk: 3)       // lazy, input order, bounded look-ahead
    println "map: ${squares.toList()}"

    def b = ex.batch(name: 'a batch') {
        submit(slowAdd, 20, 22)
        map(square, 1..3)
    }
    b.futures.each { println "batch job ${it.jobId}:${it.workId} -> ${it.get()}" }

    def futures = (1..5).collect { n -> ex.submit(square, n) }
    def total = 0
    for (done in asCompleted(futures)) { total += done.result }
    println "as completed, total: $total"
}
