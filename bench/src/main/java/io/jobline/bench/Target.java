package io.jobline.bench;

/** A goal for a ratio: at least or at most some factor of its reference. Immutable. */
final class Target {

    private final double bound;
    private final boolean atLeast;

    private Target(double bound, boolean atLeast) {
        this.bound = bound;
        this.atLeast = atLeast;
    }

    static Target atLeast(double bound) {
        return new Target(bound, true);
    }

    static Target atMost(double bound) {
        return new Target(bound, false);
    }

    boolean met(double ratio) {
        return atLeast ? ratio >= bound : ratio <= bound;
    }

    @Override
    public String toString() {
        return (atLeast ? ">= " : "<= ") + String.format("%.2fx", bound);
    }
}
