// A CPU-heavy stage on worker processes: count the primes below 1,000,000 in 20 blocks.
//
// The counting stage runs in warm worker JVMs (backend: 'process', two of them): real parallelism, and a crash or
// System.exit there cannot take this script down. The closure, and the script method it calls, are shipped to the
// workers for you; only each block's bounds travel with each call.
//
//   ./jobline run examples/primes-on-processes.groovy

boolean isPrime(long n) {
    if (n < 2) {
        return false
    }
    for (long d = 2; d * d <= n; d++) {
        if (n % d == 0) {
            return false
        }
    }
    true
}

def countPrimes = { List<Long> block ->
    long count = 0
    for (long n = block[0]; n < block[1]; n++) {
        if (isPrime(n)) {
            count++
        }
    }
    count
}

def blocks = (0..<20).collect { [it * 50_000L, (it + 1) * 50_000L] }
def counts = pipeline(backend: 'process', workers: 2) {
    stage countPrimes, threads: 2
}.run(blocks, keepOrder: true)

println "primes per block: ${counts.take(5)} …"
println "primes below 1,000,000: ${counts.sum()}"
