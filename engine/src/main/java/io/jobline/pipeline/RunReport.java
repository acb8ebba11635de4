package io.jobline.pipeline;

import io.jobline.live.LiveEntry;
import io.jobline.live.LiveHandle;
import io.jobline.live.LiveListener;
import io.jobline.live.LiveRegistry;
import io.jobline.live.LiveSubscription;
import io.jobline.live.StatsSampler;
import io.jobline.record.Recorder;
import io.jobline.record.Recording;
import io.jobline.record.Reports;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code report:} run option: the run records itself from its start (samples {@link Recorder#PERIOD 10 times a
 * second}, its workers' busy lanes) and, given a file, writes its report there when it ends, before {@code run}
 * returns or {@code join} wakes. {@link Run#report(Object)} writes it on demand.
 */
final class RunReport implements LiveListener {

    private static final System.Logger LOG = System.getLogger(RunReport.class.getName());

    private final Recording recording;
    private final long id;
    private final Path file;
    private final StatsSampler sampler = new StatsSampler(Recorder.PERIOD, 2);
    private final LiveSubscription listening;
    private final LiveSubscription sampling;

    private RunReport(LiveHandle entry, Path file) {
        this.id = entry.id();
        this.file = file;
        this.recording = Recording.of(entry);
        LiveRegistry scope = LiveRegistry.current();
        listening = scope.addListener(this);
        sampling = sampler.subscribe(scope, () -> recording.tick(sampler.latest(entry)));
    }

    /**
     * @return {@code null} for no report ({@code null}, {@code false}), {@code TRUE} to record, or the file to write
     * @throws IllegalArgumentException for anything else
     */
    static Object option(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return null;
        }
        if (Boolean.TRUE.equals(value)) {
            return Boolean.TRUE;
        }
        if (value instanceof Path) {
            return value;
        }
        if (value instanceof File) {
            return ((File) value).toPath();
        }
        if (value instanceof CharSequence && value.toString().length() > 0) {
            return Path.of(value.toString());
        }
        throw new IllegalArgumentException("report: expected true, or a file to write the report to (a name, File "
                + "or Path), got " + io.jobline.util.Show.value(value));
    }

    /** @return the run's recording, or {@code null} when {@code option} is ({@link #option}) */
    static RunReport start(LiveHandle entry, Object option) {
        if (option == null) {
            return null;
        }
        return new RunReport(entry, option instanceof Path ? (Path) option : null);
    }

    /** {@link Run#report(Object)}: the recording if there is one, else what the run and its entry know. */
    static void write(RunReport report, LiveHandle entry, Run run, Object file) {
        Object target = option(file);
        if (!(target instanceof Path)) {
            throw new IllegalArgumentException("report: name the file to write, e.g. run.report('run.html')");
        }
        Recording recording = report != null ? report.recording : Recording.unrecorded(entry, new RunRecord(run, null));
        write(recording, (Path) target);
    }

    private static void write(Recording recording, Path file) {
        try {
            Reports.write(List.of(recording), null, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void started(LiveEntry entry) {
    }

    @Override
    public void ended(LiveEntry entry) {
        if (entry.id() != id) {
            return;
        }
        sampling.close();
        listening.close();
        recording.ended(entry);
        if (file != null) {
            try {
                write(recording, file);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the report of " + entry + " could not be written", e);
            }
        }
    }
}
