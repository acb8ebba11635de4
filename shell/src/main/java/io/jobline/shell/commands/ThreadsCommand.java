package io.jobline.shell.commands;

import java.util.List;

import org.jline.reader.Candidate;

import io.jobline.live.LiveEntry;

/** {@code :threads ID STAGE N}: resizes a stage of a live run (or a part of another resizable thing). */
final class ThreadsCommand implements Command {

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public String usage() {
        return "ID STAGE N";
    }

    @Override
    public String summary() {
        return "give a stage of a live run N threads";
    }

    @Override
    public void run(List<String> args, CommandContext context) throws CommandException {
        if (args.size() != 3) {
            throw new CommandException("usage: :threads ID STAGE N, e.g. :threads 3 render 8");
        }
        LiveEntry entry = Entries.find(context.scope(), args.get(0));
        int size = Numbers.positive(args.get(2), "N");
        if (!entry.isLive()) {
            throw new CommandException(entry.kind() + " " + entry.id() + " has ended (" + entry.state() + ")");
        }
        try {
            entry.resize(args.get(1), size);
        } catch (IllegalArgumentException | UnsupportedOperationException | IllegalStateException e) {
            throw new CommandException(e.getMessage() + validParts(entry));
        }
        context.out().println(entry.kind() + " " + entry.id() + ": stage '" + args.get(1) + "' now has " + size
                + " threads");
    }

    private static String validParts(LiveEntry entry) {
        List<String> parts = entry.parts();
        return parts.isEmpty() ? "" : " (stages: " + String.join(", ", parts) + ")";
    }

    @Override
    public void complete(List<String> args, int index, CommandContext context, List<Candidate> candidates) {
        if (index == 0) {
            Entries.completeIds(context.scope(), true, candidates);
        } else if (index == 1) {
            try {
                for (String part : Entries.find(context.scope(), args.get(0)).parts()) {
                    candidates.add(new Candidate(part));
                }
            } catch (CommandException e) {
                // no such run: nothing to complete
            }
        }
    }
}
