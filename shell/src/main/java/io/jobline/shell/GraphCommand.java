package io.jobline.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import groovy.lang.Script;
import io.jobline.live.LiveRegistry;
import io.jobline.pipeline.Pipeline;
import io.jobline.pipeline.PipelineGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jobline graph SCRIPT}: prints the graph of every pipeline the script runs, without running them. The script
 * runs in graph mode ({@link PipelineGraph#collect}): each {@code run}/{@code each}/{@code stream}/{@code start} of a
 * pipeline notes the pipeline and feeds it nothing, so the script goes on with empty results; what the script prints
 * goes to stderr, the graphs to stdout.
 */
@Command(name = "graph",
        mixinStandardHelpOptions = true,
        description = "Prints the graph of every pipeline a script runs, without running them (DOT by default).",
        footer = {"", "The script itself runs, with every pipeline fed nothing: its other effects happen. "
                + "See docs/reports.md."})
final class GraphCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The job script.")
    private String script;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the script.")
    private List<String> args = new ArrayList<>();

    @Option(names = "--mermaid", description = "Print Mermaid flowcharts instead of DOT.")
    private boolean mermaid;

    @Override
    public Integer call() {
        PrintStream err = main.err();
        ScriptSource source;
        try {
            source = ScriptSource.file(script);
        } catch (ScriptSource.Unreadable e) {
            err.println("jobline: " + e.getMessage());
            return Main.USAGE;
        }
        Script compiled = main.compileScript(source, args);
        if (compiled == null) {
            return Main.USAGE;
        }
        compiled.getBinding().setVariable("out", err); // the script's println goes to stderr, the graphs to stdout
        List<Pipeline> pipelines;
        PrintStream systemOut = System.out;
        try (LiveRegistry scope = LiveRegistry.current().openScope("script", "jobline graph")) {
            System.setOut(err);
            pipelines = PipelineGraph.collect(() -> scope.callIn(compiled::run));
        } catch (Throwable t) {
            ErrorReport.failure(t, source.sourceName(), source.label()).forEach(err::println);
            return Main.FAILED;
        } finally {
            System.setOut(systemOut);
        }
        if (pipelines.isEmpty()) {
            err.println("jobline graph: " + source.label() + " runs no pipeline");
        }
        PrintStream out = main.out();
        for (Pipeline pipeline : pipelines) {
            out.print(mermaid ? pipeline.toMermaid() : pipeline.toDot());
        }
        out.flush();
        return Main.OK;
    }
}
