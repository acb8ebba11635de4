package io.jobline.bench;

import io.jobline.function.JobFunction;

/**
 * The functions case 6 sends to worker processes: plain serializable classes on the bench class path, which every
 * worker has (workers start with the caller's {@code java.class.path}), so what is measured is the call, not code
 * shipping. Stateless and thread-safe.
 */
final class ProcessFunctions {

    /** {@code x -> x + 1} on an Integer: a task that costs nothing, so only the round trip is measured. */
    static final JobFunction INCREMENT = new Increment();
    /** Counts the primes in one block of {@link #BLOCK} numbers: about 20-50 ms of pure CPU per call. */
    static final JobFunction COUNT_PRIMES = new CountPrimes();

    /** Numbers per {@link #COUNT_PRIMES} block. */
    static final int BLOCK = 100_000;
    /** Where block 0 starts: large enough that trial division is real work for every number. */
    static final int FIRST = 10_000_000;

    private ProcessFunctions() {
    }

    private static final class Increment implements JobFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public Object call(Object... args) {
            return (Integer) args[0] + 1;
        }
    }

    private static final class CountPrimes implements JobFunction {
        private static final long serialVersionUID = 1L;

        /** @param args the block's index, an Integer from 0; numbers up to about 2^31 */
        @Override
        public Object call(Object... args) {
            int from = FIRST + (Integer) args[0] * BLOCK;
            return countPrimes(from, from + BLOCK);
        }
    }

    /**
     * @return how many primes p satisfy {@code from <= p < to}, by trial division; for {@code 3 <= from} and
     *         {@code to <= 2,000,000,000} (so that {@code divisor * divisor} cannot overflow)
     */
    static int countPrimes(int from, int to) {
        int count = 0;
        for (int candidate = from | 1; candidate < to; candidate += 2) {
            boolean prime = true;
            for (int divisor = 3; divisor * divisor <= candidate; divisor += 2) {
                if (candidate % divisor == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                count++;
            }
        }
        return count;
    }
}
