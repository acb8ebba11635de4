"""The Python peer of bench/run's case 6: multiprocessing.Pool(2) doing what the process backend does.

Run by the benchmark as a child process (python3 mp_peer.py WORKERS); it keeps one warm Pool, as the process
backend keeps warm workers, and answers one command per line on stdin with one line on stdout:

  map N CHUNK    Pool.map(x -> x + 1, range(N), chunksize=CHUNK)  ->  "ok N <sum of the results>"
  primes B       B blocks of count_primes, Pool.map, chunksize=1  ->  "ok B <total primes>"
  serial B       the same B blocks in this process, one after the other  ->  "ok B <total primes>"
  quit

A wrong result is a line "error <why>" (the benchmark then stops); the benchmark times each command itself.
"""
import multiprocessing
import sys

# The same blocks as ProcessFunctions.COUNT_PRIMES, smaller: CPython does trial division ~50x slower than the JIT.
FIRST = 10_000_000
BLOCK = 2_000


def increment(x):
    return x + 1


def count_primes(block):
    count = 0
    start = FIRST + block * BLOCK
    for candidate in range(start | 1, start + BLOCK, 2):
        divisor = 3
        prime = True
        while divisor * divisor <= candidate:
            if candidate % divisor == 0:
                prime = False
                break
            divisor += 2
        if prime:
            count += 1
    return count


def main():
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    with multiprocessing.Pool(workers) as pool:
        print("ready", flush=True)
        for line in sys.stdin:
            words = line.split()
            if not words:
                continue
            if words[0] == "quit":
                break
            if words[0] == "map":
                n, chunk = int(words[1]), int(words[2])
                results = pool.map(increment, range(n), chunksize=chunk)
                if results != list(range(1, n + 1)):
                    print("error map results are not 1..%d in order" % n, flush=True)
                    continue
                print("ok %d %d" % (n, sum(results)), flush=True)
            elif words[0] in ("primes", "serial"):
                blocks = range(int(words[1]))
                counts = pool.map(count_primes, blocks, chunksize=1) if words[0] == "primes" \
                    else [count_primes(b) for b in blocks]
                print("ok %d %d" % (len(counts), sum(counts)), flush=True)
            else:
                print("error unknown command %r" % words[0], flush=True)


if __name__ == "__main__":
    main()
