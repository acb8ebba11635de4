package io.jobline.bench;

import java.util.Arrays;
import java.util.List;

/** The measured rounds of one variant, summarised: median and range, in one unit. Immutable. */
final class Summary {

    private final double[] values;
    private final String unit;
    private final boolean higherIsBetter;
    private final double[] cpuNanosPerItem;

    /**
     * @param values         one value per measured round, at least one
     * @param unit           what the values count, e.g. "items/s" or "ms"
     * @param higherIsBetter true for throughput, false for times and costs
     */
    Summary(List<Double> values, String unit, boolean higherIsBetter) {
        this(values, unit, higherIsBetter, List.of());
    }

    /** @param cpuNanosPerItem the process's CPU time per item in each round (all threads, GC included); may be empty */
    Summary(List<Double> values, String unit, boolean higherIsBetter, List<Double> cpuNanosPerItem) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a summary needs at least one measured value");
        }
        this.values = sorted(values);
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.cpuNanosPerItem = sorted(cpuNanosPerItem);
    }

    private static double[] sorted(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** @return the median CPU time per item in nanoseconds, or NaN when it was not measured */
    double cpuNanosPerItem() {
        return cpuNanosPerItem.length == 0 ? Double.NaN : median(cpuNanosPerItem);
    }

    static Summary of(String unit, boolean higherIsBetter, double... values) {
        return new Summary(Arrays.stream(values).boxed().toList(), unit, higherIsBetter);
    }

    double median() {
        return median(values);
    }

    double min() {
        return values[0];
    }

    double max() {
        return values[values.length - 1];
    }

    int rounds() {
        return values.length;
    }

    /** @return (max - min) / median: how far apart the rounds were, 0.05 = 5% */
    double spread() {
        double median = median();
        return median == 0 ? 0 : (max() - min()) / median;
    }

    String unit() {
        return unit;
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }
}
