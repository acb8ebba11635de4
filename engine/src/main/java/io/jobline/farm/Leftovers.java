package io.jobline.farm;

import io.jobline.remote.Ledger;

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
        for (Sessions.Contents ledger : Sessions.find(dir)) {
            Set<String> open = ledger.open();
            lines.add(ledger.session() + ": " + ledger.scheduler() + ", owner " + ledger.owner() + ", "
                    + open.size() + " jobs not ended");
            if (open.isEmpty()) {
                continue;
            }
            Scheduler scheduler = Schedulers.named(ledger.scheduler());
            Map<TaskId, TaskStatus> now = Map.of();
            try {
                SchedulerCommands.Answer answer = commands.run("status", scheduler.statusCommand(open));
                now = scheduler.parseStatus(answer.out(), answer.err(), answer.exitCode());
            } catch (IOException | RuntimeException e) {
                lines.add("  (" + scheduler.name() + " status unavailable: " + e.getMessage() + ")");
            }
            for (String job : open) {
                Map<String, Integer> states = new TreeMap<>();
                now.forEach((id, status) -> {
                    if (id.jobId().equals(job)) {
                        states.merge(status.state(), 1, Integer::sum);
                    }
                });
                lines.add("  job " + job + ": "
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
        List<Sessions.Contents> ledgers = Sessions.find(dir);
        if (ledgers.isEmpty()) {
            throw new IOException("no Jobline farm ledger in " + dir + " (nor in its folders)");
        }
        List<String> lines = new ArrayList<>();
        SchedulerCommands commands = new SchedulerCommands();
        for (Sessions.Contents ledger : ledgers) {
            Set<String> open = ledger.open();
            if (open.isEmpty()) {
                continue;
            }
            Scheduler scheduler = Schedulers.named(ledger.scheduler());
            Set<TaskId> jobs = new LinkedHashSet<>();
            open.forEach(job -> jobs.add(new TaskId(job, -1)));
            SchedulerCommands.Answer answer = commands.run("kill", scheduler.killCommand(jobs));
            Ledger file = new Ledger(ledger.session().resolve(Sessions.LEDGER));
            open.forEach(file::ended);
            lines.add(ledger.session() + ": cancelled " + scheduler.name() + " jobs " + String.join(" ", open)
                    + (answer.exitCode() == 0 ? "" : " (" + answer.text() + ")"));
        }
        return lines;
    }
}
