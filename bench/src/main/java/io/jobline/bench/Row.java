package io.jobline.bench;

/**
 * One line of the results table: a variant's summary and, when it is compared with another variant measured in the
 * same run, the ratio of their medians and the target for it. Immutable.
 */
final class Row {

    final String benchCase;
    final String variant;
    final Summary summary;
    final String note;
    final String reference;
    final Double ratio;
    final Target target;

    private Row(String benchCase, String variant, Summary summary, String note, String reference, Double ratio,
                Target target) {
        this.benchCase = benchCase;
        this.variant = variant;
        this.summary = summary;
        this.note = note;
        this.reference = reference;
        this.ratio = ratio;
        this.target = target;
    }

    /** A row with no comparison: a baseline, or a measurement that stands alone. */
    static Row of(String benchCase, String variant, Summary summary) {
        return new Row(benchCase, variant, summary, null, null, null, null);
    }

    /** A case that could not run here, with the reason. */
    static Row skipped(String benchCase, String variant, String why) {
        return new Row(benchCase, variant, null, why, null, null, null);
    }

    /**
     * A row compared with {@code reference}: the ratio says how many times better (throughput) or how many times
     * the cost (times) the variant is, so "higher is better" for throughput and "lower is better" for costs.
     */
    static Row compared(String benchCase, String variant, Summary summary, String referenceName, Summary reference,
                        Target target) {
        double ratio = summary.median() / reference.median();
        return new Row(benchCase, variant, summary, null, referenceName, ratio, target);
    }

    Row withNote(String text) {
        return new Row(benchCase, variant, summary, text, reference, ratio, target);
    }

    /** @return "met", "MISSED", or "" when there is no target */
    String status() {
        if (target == null || ratio == null) {
            return "";
        }
        return target.met(ratio) ? "met" : "MISSED";
    }
}
