package io.jobline.farm;

/**
 * The depth guard (qbfutures' QBLVL): every farm task runs with {@code JOBLINE_DEPTH} one more than its submitter's,
 * and a process at depth {@code JOBLINE_MAX_DEPTH} (default 4) or deeper may not submit farm jobs, so a job that
 * (by mistake) submits itself cannot flood the farm. Qube's own nesting variable {@code QBLVL} (qbfutures' guard,
 * which Jobline's Qube jobs set too) counts as well: a process's depth is the larger of the two.
 */
public final class Depth {

    /** The environment variable holding a process's depth (absent: 0). */
    public static final String VARIABLE = "JOBLINE_DEPTH";
    /** The environment variable that changes the limit. */
    public static final String LIMIT_VARIABLE = "JOBLINE_MAX_DEPTH";
    /** Qube's (and qbfutures') nesting depth, read as well. */
    public static final String QUBE_VARIABLE = "QBLVL";
    static final int DEFAULT_LIMIT = 4;

    private Depth() {
    }

    /** @return this process's depth: 0 outside farm jobs */
    public static int current() {
        return Math.max(number(System.getenv(VARIABLE), 0), number(System.getenv(QUBE_VARIABLE), 0));
    }

    /** @return how deep submissions may go */
    public static int limit() {
        return number(System.getenv(LIMIT_VARIABLE), DEFAULT_LIMIT);
    }

    /**
     * @return the depth of the tasks this process submits
     * @throws IllegalStateException when this process is already at the limit, saying so and how to change it
     */
    static int next() {
        int depth = current();
        int limit = limit();
        if (depth >= limit) {
            throw new IllegalStateException("farm submission refused: this process runs in a farm job at depth "
                    + depth + " (" + (number(System.getenv(VARIABLE), 0) == depth ? VARIABLE : QUBE_VARIABLE) + "=" + depth
                    + ") and the limit is " + limit + "; jobs that submit jobs"
                    + " stop there so a job submitting itself cannot flood the farm (set " + LIMIT_VARIABLE
                    + " to allow deeper nesting)");
        }
        return depth + 1;
    }

    private static int number(String text, int otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
