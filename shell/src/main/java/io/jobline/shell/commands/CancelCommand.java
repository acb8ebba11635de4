package io.jobline.shell.commands;

import java.util.List;

import org.jline.reader.Candidate;

import io.jobline.live.LiveEntry;

/** {@code :cancel ID} / {@code :cancel all}: stops runs, executors' pending work, pools, farm jobs. */
final class CancelCommand implements Command {

    @Override
    public String name() {
        return "cancel";
    }

    @Override
    public String usage() {
        return "ID|all";
    }

    @Override
    public String summary() {
        return "cancel a run, an executor's pending work, a pool or a farm job; all: everything live";
    }

    @Override
    public void run(List<String> args, CommandContext context) throws CommandException {
        if (args.size() != 1) {
            throw new CommandException("usage: :cancel ID or :cancel all");
        }
        if (args.get(0).equals("all")) {
            int cancelled = context.scope().cancelAll();
            context.out().println("cancelled " + cancelled + (cancelled == 1 ? " job" : " jobs"));
            return;
        }
        LiveEntry entry = Entries.find(context.scope(), args.get(0));
        if (entry.cancel()) {
            context.out().println("cancelled " + entry.kind() + " " + entry.id() + " '" + entry.name() + "'");
        } else {
            context.out().println(entry.kind() + " " + entry.id() + " had ended already (" + entry.state() + ")");
        }
    }

    @Override
    public void complete(List<String> args, int index, CommandContext context, List<Candidate> candidates) {
        if (index == 0) {
            candidates.add(new Candidate("all", "all", null, "everything live", null, null, true));
            Entries.completeIds(context.scope(), true, candidates);
        }
    }
}
