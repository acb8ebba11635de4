package io.jobline.shell.commands;

import java.util.List;

import io.jobline.live.LiveEntry;
import io.jobline.live.LiveSnapshot;
import io.jobline.shell.repl.ValueFormat;
import io.jobline.shell.views.LiveText;
import io.jobline.shell.views.Table;

/** {@code :jobs}: what the session started, live or recently finished: runs, executors, pools, farm jobs. */
final class JobsCommand implements Command {

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public String summary() {
        return "list runs, executors, pools and farm jobs, live or recently finished";
    }

    @Override
    public void run(List<String> args, CommandContext context) {
        Table table = new Table(">id", "kind", "name", "state", ">in", ">out", ">errors", ">items/s", ">elapsed");
        for (LiveEntry entry : context.scope().list()) {
            LiveSnapshot snapshot = entry.snapshot();
            String name = entry.parent() == null ? entry.name() : "  " + entry.name() + " (of " + entry.parent().id()
                    + ")";
            table.row(entry.id(), entry.kind(), name, entry.state(), snapshot.in(), snapshot.out(), snapshot.errors(),
                    entry.isLive() ? LiveText.rate(context.sampler().rate(entry)) : "-",
                    ValueFormat.seconds(entry.elapsed()));
        }
        if (table.isEmpty()) {
            context.out().println("nothing has run in this session yet");
            return;
        }
        table.lines().forEach(context.out()::println);
    }
}
