package io.jobline.bench;

/** One thing to measure: a name and a body that does one round of work. */
final class Variant {

    /** One round of work. */
    @FunctionalInterface
    interface Body {
        /**
         * Does the work once and checks its result.
         *
         * @return how many items (or tasks) the round handled
         * @throws Exception when the work fails or its result is wrong: the benchmark stops, it never reports a
         *                   number for broken work
         */
        long run() throws Exception;
    }

    final String name;
    final Body body;

    Variant(String name, Body body) {
        this.name = name;
        this.body = body;
    }
}
