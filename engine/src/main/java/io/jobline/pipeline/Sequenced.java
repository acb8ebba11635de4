package io.jobline.pipeline;

/** An item in a dispatcher lane, with its place in the stage's input. */
final class Sequenced {
    final long seq;
    final Object item;

    Sequenced(long seq, Object item) {
        this.seq = seq;
        this.item = item;
    }
}

