package io.jobline.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * A pipeline's shape as a graph: input → each stage (threads, {@code by:}, {@code fanOut}, backend, queue capacity)
 * → results, as Graphviz DOT ({@link Pipeline#toDot()}), Mermaid ({@link Pipeline#toMermaid()}) or maps (for
 * reports).
 *
 * <p>{@link #collect} runs code in <em>graph mode</em>: every pipeline it runs ({@code run}, {@code each},
 * {@code stream}, {@code start}) is noted instead of fed: its run reads no input and ends at once, so the code goes
 * on with empty results. That is how {@code jobline graph SCRIPT} shows a script's pipelines without running them.
 */
public final class PipelineGraph {

    private static final InheritableThreadLocal<Set<Pipeline>> COLLECTING = new InheritableThreadLocal<>();

    private final Pipeline pipeline;
    private final int defaultQueue;

    PipelineGraph(Pipeline pipeline, int defaultQueue) {
        this.pipeline = pipeline;
        this.defaultQueue = defaultQueue;
    }

    /**
     * Runs {@code body} in graph mode on this thread (and the threads it starts).
     *
     * @return the pipelines it ran, in the order of their first run; what {@code body} threw is thrown
     */
    public static List<Pipeline> collect(Callable<?> body) throws Exception {
        Set<Pipeline> seen = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        Set<Pipeline> previous = COLLECTING.get();
        COLLECTING.set(seen);
        try {
            body.call();
        } finally {
            COLLECTING.set(previous);
        }
        synchronized (seen) {
            return new ArrayList<>(seen);
        }
    }

    /** @return whether {@code pipeline} is to be noted instead of run (graph mode); notes it if so */
    static boolean noted(Pipeline pipeline) {
        Set<Pipeline> seen = COLLECTING.get();
        if (seen == null) {
            return false;
        }
        seen.add(pipeline);
        return true;
    }

    /** @return one map per stage: name, threads, by, fanOut, emit, backend, queue, retries */
    public List<Map<String, Object>> stages() {
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageSpec stage : pipeline.getStages()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", stage.getName());
            map.put("threads", stage.getThreads());
            map.put("by", stage.isDispatcher());
            map.put("fanOut", stage.isFanOut());
            map.put("emit", stage.isEmitForm());
            map.put("backend", stage.getBackend() != null ? stage.getBackend() : backendName());
            map.put("queue", stage.getQueue() != null ? stage.getQueue() : defaultQueue);
            map.put("retries", stage.getRetries());
            stages.add(map);
        }
        return stages;
    }

    private String backendName() {
        String backend = pipeline.settings().backend;
        return backend == null ? "thread" : backend;
    }

    /** @return the label of a stage's box: its name, then one line of what shapes it */
    private static String label(Map<String, Object> stage) {
        List<String> traits = new ArrayList<>();
        traits.add("threads: " + stage.get("threads"));
        if (Boolean.TRUE.equals(stage.get("by"))) {
            traits.add("by: key");
        }
        if (Boolean.TRUE.equals(stage.get("fanOut"))) {
            traits.add("fanOut");
        }
        if (Boolean.TRUE.equals(stage.get("emit"))) {
            traits.add("emit");
        }
        if (!"thread".equals(stage.get("backend"))) {
            traits.add("backend: " + stage.get("backend"));
        }
        return stage.get("name") + "\n" + String.join(", ", traits);
    }

    /** @return the graph in Graphviz DOT */
    public String toDot() {
        StringBuilder dot = new StringBuilder();
        dot.append("digraph ").append(quote(pipeline.getName())).append(" {\n");
        dot.append("  rankdir=LR;\n  node [shape=box, style=rounded];\n");
        dot.append("  input [shape=plaintext, label=\"input\"];\n");
        List<Map<String, Object>> stages = stages();
        for (int i = 0; i < stages.size(); i++) {
            dot.append("  s").append(i).append(" [label=").append(quote(label(stages.get(i)))).append("];\n");
        }
        dot.append("  results [shape=plaintext, label=\"results\"];\n");
        String previous = "input";
        for (int i = 0; i < stages.size(); i++) {
            dot.append("  ").append(previous).append(" -> s").append(i)
                    .append(" [label=").append(quote("queue " + stages.get(i).get("queue"))).append("];\n");
            previous = "s" + i;
        }
        dot.append("  ").append(previous).append(" -> results;\n}\n");
        return dot.toString();
    }

    /** @return the graph as a Mermaid flowchart */
    public String toMermaid() {
        StringBuilder mermaid = new StringBuilder("flowchart LR\n");
        mermaid.append("  input([input])\n");
        List<Map<String, Object>> stages = stages();
        for (int i = 0; i < stages.size(); i++) {
            String text = label(stages.get(i)).replace("\n", "<br/>").replace("\"", "#quot;");
            mermaid.append("  s").append(i).append("[\"").append(text).append("\"]\n");
        }
        mermaid.append("  results([results])\n");
        String previous = "input";
        for (int i = 0; i < stages.size(); i++) {
            mermaid.append("  ").append(previous).append(" -->|queue ").append(stages.get(i).get("queue"))
                    .append("| s").append(i).append('\n');
            previous = "s" + i;
        }
        mermaid.append("  ").append(previous).append(" --> results\n");
        return mermaid.toString();
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
