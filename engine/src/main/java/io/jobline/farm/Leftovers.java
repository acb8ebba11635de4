package io.jobline.farm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the ledgers in a workDir say is still out there, for {@code jobline farm status} and
 * {@code jobline farm cancel}: jobs whose Jobline ended without ending them (a {@code kill -9}, a crashed node).
 * One status or kill command per session folder, whatever the number of jobs.
 */
public final class Leftovers {

    private Leftovers() {
    }

    /**
     * @param dir a workDir (its session folders are read) or one session folder
     * @return one line per session, then one per job the ledger does not record as ended, with what the scheduler
     * says of its tasks now
     */
    public static List<String> describe(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        SchedulerCommands commands = new SchedulerCommands();
        for (Ledger.Contents ledger : Ledger.find(dir)) {
            List<Ledger.Entry> open = ledger.open();
            lines.add(ledger.session() + ": " + ledger.scheduler() + ", owner " + ledger.owner() + ", "
                    + ledger.jobs().size() + " jobs, " + open.size() + " not ended");
            if (open.isEmpty()) {
                continue;
            }
            Scheduler scheduler = Schedulers.named(ledger.scheduler());
            Map<TaskId, TaskStatus> now = Map.of();
            try {
                List<String> ids = open.stream().map(Ledger.Entry::jobId).toList();
                SchedulerCommands.Answer answer = commands.run("status", scheduler.statusCommand(ids));
                now = scheduler.parseStatus(answer.out(), answer.err(), answer.exitCode());
            } catch (IOException | RuntimeException e) {
                lines.add("  (" + scheduler.name() + " status unavailable: " + e.getMessage() + ")");
            }
            for (Ledger.Entry job : open) {
                Map<String, Integer> states = new TreeMap<>();
                now.forEach((id, status) -> {
                    if (id.jobId().equals(job.jobId())) {
                        states.merge(status.state(), 1, Integer::sum);
                    }
                });
                lines.add("  job " + job.jobId() + " '" + job.name() + "': "
                        + (states.isEmpty() ? "not known to " + scheduler.name() + " any more" : states.toString()));
            }
        }
        return lines;
    }

    /**
     * Kills every job the ledgers in {@code dir} do not record as ended (one kill command per session) and records
     * them as cancelled.
     *
     * @return what was done, one line per session that had any
     * @throws IOException when {@code dir} holds no ledger
     */
    public static List<String> cancel(Path dir) throws IOException {
        List<Ledger.Contents> ledgers = Ledger.find(dir);
        if (ledgers.isEmpty()) {
            throw new IOException("no Jobline farm ledger in " + dir + " (nor in its folders)");
        }
        List<String> lines = new ArrayList<>();
        SchedulerCommands commands = new SchedulerCommands();
        for (Ledger.Contents ledger : ledgers) {
            List<Ledger.Entry> open = ledger.open();
            if (open.isEmpty()) {
                continue;
            }
            Scheduler scheduler = Schedulers.named(ledger.scheduler());
            Set<TaskId> jobs = new LinkedHashSet<>();
            open.forEach(job -> jobs.add(new TaskId(job.jobId(), -1)));
            SchedulerCommands.Answer answer = commands.run("kill", scheduler.killCommand(jobs));
            for (Ledger.Entry job : open) {
                Ledger.cancelled(ledger.session().resolve(Ledger.FILE), job.jobId());
            }
            lines.add(ledger.session() + ": cancelled " + scheduler.name() + " jobs "
                    + String.join(" ", open.stream().map(Ledger.Entry::jobId).toList())
                    + (answer.exitCode() == 0 ? "" : " (" + answer.text() + ")"));
        }
        return lines;
    }
}
