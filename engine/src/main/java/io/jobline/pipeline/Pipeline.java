package io.jobline.pipeline;

import io.jobline.util.Items;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A chain of stages that items flow through (jobq's job manager): each stage has its own workers and a bounded
 * input queue, so a full queue slows its producer down and memory stays bounded for any input size.
 *
 * <p>A pipeline is an immutable definition; every {@code run}, {@code each}, {@code stream} or {@code start} makes a
 * new, independent {@link Run}. Inputs are an Iterable, Iterator, Stream, array, or a Map (its entries).
 *
 * <p><b>Order.</b> A stage with one worker keeps order. With {@code keepOrder: true} every stage hands its outputs
 * on in input order (outputs of one item stay together); a dispatcher stage ({@code by:}) always does.
 *
 * <p><b>Accounting.</b> Every input ends as an output, a drop ({@code DROP}, or an emit-form function that emitted
 * nothing) or an error handled by the {@code errors:} policy, unless the run is stopped (failed, timed out,
 * cancelled), in which case items not yet taken are not processed, and the stats say how far it got.
 *
 * <p>Run options ({@code keepOrder}, {@code timeout}, {@code errors}) override the pipeline's for one run.
 */
public final class Pipeline {

    private final RunSettings settings;
    private final List<StageSpec> stages;

    Pipeline(RunSettings settings, List<StageSpec> stages) {
        this.settings = settings;
        this.stages = Collections.unmodifiableList(new ArrayList<>(stages));
    }

    /** @return a builder for a pipeline named {@code pipeline} */
    public static PipelineBuilder builder() {
        return new PipelineBuilder();
    }

    /** @return a builder for a pipeline called {@code name} */
    public static PipelineBuilder builder(String name) {
        return new PipelineBuilder().name(name);
    }

    public String getName() {
        return settings.name;
    }

    public List<StageSpec> getStages() {
        return stages;
    }

    public List<String> getStageNames() {
        List<String> names = new ArrayList<>();
        stages.forEach(s -> names.add(s.getName()));
        return names;
    }

    /** Same as {@code run(Map.of(), input)}. */
    public List<Object> run(Object input) {
        return run(Collections.emptyMap(), input);
    }

    /**
     * Runs every input through and returns the last stage's outputs, in input order with {@code keepOrder: true}.
     * Blocks until the run ends.
     *
     * @throws PipelineException         when the run fails (the first error under 'fail', or the input failing)
     * @throws PipelineTimeoutException  when {@code timeout} passes, with the outputs so far
     * @throws java.util.concurrent.CancellationException when the run is cancelled from elsewhere
     * @throws IllegalArgumentException  for a bad option or input
     */
    public List<Object> run(Map<String, ?> options, Object input) {
        List<Object> outputs = new ArrayList<>();
        launch(options, input).drain(outputs::add, outputs);
        return outputs;
    }

    /** Same as {@code each(Map.of(), input, action)}. */
    public void each(Object input, Consumer<Object> action) {
        each(Collections.emptyMap(), input, action);
    }

    /**
     * Runs every input through, calling {@code action} with each output on this thread as it comes; keeps nothing,
     * so memory stays bounded for any input size. If {@code action} throws, the run is cancelled and the exception
     * propagates. Throws as {@link #run(Map, Object)} does.
     */
    public void each(Map<String, ?> options, Object input, Consumer<Object> action) {
        launch(options, input).drain(action, null);
    }

    /** Same as {@code stream(Map.of(), input)}. */
    public Stream<Object> stream(Object input) {
        return stream(Collections.emptyMap(), input);
    }

    /**
     * Starts a run and returns its outputs as a lazy sequential stream. Closing the stream cancels the run if it is
     * still going, and so does the stream becoming garbage unclosed ({@code stream(x).limit(3).toList()}): the run
     * and its threads end at the next garbage collection after nobody holds the stream. Reading past the end throws
     * as {@link #run(Map, Object)} does.
     */
    public Stream<Object> stream(Map<String, ?> options, Object input) {
        Run run = launch(options, input);
        return ResultStream.of(run, run.streamResults());
    }

    /** Starts a run that takes its input from {@link Run#put(Object)}. */
    public Run start() {
        return start(Collections.emptyMap());
    }

    /**
     * Starts a run that takes its input from {@link Run#put(Object)} with these run options. (To start a run that
     * reads a Map as its input, use {@code start(options, map)}.)
     */
    public Run start(Map<String, ?> options) {
        if (PipelineGraph.noted(this)) {
            return Run.start(this, settings.withRunOptions(options), Collections.emptyIterator(), true);
        }
        return Run.start(this, settings.withRunOptions(options), null, false);
    }

    /** Starts a run that reads {@code input} and closes its intake when the input is used up. */
    public Run start(Object input) {
        return start(Collections.emptyMap(), input);
    }

    /** Starts a run that reads {@code input}, with these run options. Returns at once. */
    public Run start(Map<String, ?> options, Object input) {
        return launch(options, input);
    }

    private Run launch(Map<String, ?> options, Object input) {
        RunSettings runSettings = settings.withRunOptions(options);
        if (PipelineGraph.noted(this)) {
            return Run.start(this, runSettings, Collections.emptyIterator(), true); // graph mode: nothing is fed
        }
        return Run.start(this, runSettings, Items.iterator(input, "input"), Items.inMemory(input));
    }

    /** @return the pipeline's graph in Graphviz DOT: stages with threads, {@code by:}, fanOut, backend, queues */
    public String toDot() {
        return graph().toDot();
    }

    /** @return the pipeline's graph as a Mermaid flowchart (Markdown renders it on GitHub, GitLab …) */
    public String toMermaid() {
        return graph().toMermaid();
    }

    /** @return the pipeline's graph, for reports */
    public PipelineGraph graph() {
        return new PipelineGraph(this, settings.queueSize);
    }

    RunSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "Pipeline '" + settings.name + "' " + getStageNames();
    }
}
