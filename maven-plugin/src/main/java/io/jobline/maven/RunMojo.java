package io.jobline.maven;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

import io.jobline.shell.Main;

/**
 * {@code jobline:run}: runs Jobline job scripts during a build, exactly as {@code jobline run} would (the DSL with no
 * imports, Groovy's standard modules, {@code @Grab}, worker processes), with the project's classes and dependencies
 * on the scripts' class path. Scripts run one after another, in the order given: files first, then the inline one.
 *
 * <p>A script that fails fails the build, with {@code jobline run}'s own message ({@code file:line: message}). Each
 * script's final stats go to {@code outputDirectory/NAME-stats.json} ({@code jobline run --stats}).
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public final class RunMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Job script files to run. */
    @Parameter
    private List<File> scripts = new ArrayList<>();

    /** A job script written in the pom, run after the files. */
    @Parameter
    private String script;

    /** Variables every script has (as strings), besides {@code project} and {@code basedir}. */
    @Parameter
    private Map<String, String> properties = new LinkedHashMap<>();

    /** The scripts' {@code args}. */
    @Parameter
    private List<String> args = new ArrayList<>();

    /** Which of the project's class paths the scripts see: {@code compile}, {@code runtime} or {@code test}. */
    @Parameter(defaultValue = "runtime", property = "jobline.classpathScope")
    private String classpathScope;

    /** Where the stats files go. */
    @Parameter(defaultValue = "${project.build.directory}/jobline", property = "jobline.outputDirectory")
    private File outputDirectory;

    @Parameter(defaultValue = "false", property = "jobline.skip")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("jobline:run skipped");
            return;
        }
        if (scripts.isEmpty() && (script == null || script.isBlank())) {
            throw new MojoExecutionException("jobline:run has nothing to run: give <scripts><script>FILE</script>"
                    + "</scripts> or an inline <script>…</script>");
        }
        outputDirectory.mkdirs();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(projectClassPath(), RunMojo.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            for (File file : scripts) {
                String name = file.getName().replaceFirst("\\.groovy$", "");
                run(loader, name, file.getPath());
            }
            if (script != null && !script.isBlank()) {
                run(loader, "inline", "-e", script, "--"); // "--": the args that follow are the script's, not options
            }
        } catch (java.io.IOException e) {
            throw new MojoExecutionException("jobline:run: " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * Runs one script through the command line's own code; a failure becomes the build's, with its message.
     *
     * @param scriptArgs what names the script on {@code jobline run}'s command line: its path, or {@code -e} and the text
     */
    private void run(ClassLoader loader, String name, String... scriptArgs) throws MojoFailureException {
        File stats = new File(outputDirectory, name + "-stats.json");
        List<String> command = new ArrayList<>(List.of("run", "--no-progress", "--stats", stats.getPath()));
        command.addAll(List.of(scriptArgs));
        command.addAll(args);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new Tee(System.err, said), true, StandardCharsets.UTF_8);
        Map<String, Object> variables = new LinkedHashMap<>(properties);
        variables.put("project", project);
        variables.put("basedir", project.getBasedir());
        String what = name.equals("inline") ? "the inline script" : scriptArgs[0];
        getLog().info("jobline:run " + what);
        int code = new Main(System.out, err).scriptClassLoader(loader).variables(variables)
                .execute(command.toArray(new String[0]));
        if (code != Main.OK) {
            String message = said.toString(StandardCharsets.UTF_8).strip();
            throw new MojoFailureException("jobline:run: " + what + " failed (exit " + code + ")" + (message.isEmpty() ? "" : ":\n" + message));
        }
    }

    private URL[] projectClassPath() throws MojoExecutionException {
        try {
            List<String> elements;
            switch (classpathScope) {
                case "compile":
                    elements = project.getCompileClasspathElements();
                    break;
                case "runtime":
                    elements = project.getRuntimeClasspathElements();
                    break;
                case "test":
                    elements = project.getTestClasspathElements();
                    break;
                default:
                    throw new MojoExecutionException("jobline:run: classpathScope must be compile, runtime or test, got '"
                            + classpathScope + "'");
            }
            List<URL> urls = new ArrayList<>();
            for (String element : elements) {
                urls.add(new File(element).toURI().toURL());
            }
            return urls.toArray(new URL[0]);
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("jobline:run: the project's class path is not available: " + e.getMessage(), e);
        }
    }

    /** Writes to two streams: what a script says on stderr reaches the console and the failure message. */
    private static final class Tee extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
