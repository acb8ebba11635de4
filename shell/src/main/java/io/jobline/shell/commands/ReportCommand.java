package io.jobline.shell.commands;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import org.jline.reader.Candidate;

import io.jobline.live.LiveEntry;
import io.jobline.record.Recording;
import io.jobline.record.Reports;

/**
 * {@code :report ID FILE}: writes the HTML report of a job of the session, live (what it did so far) or finished
 * (its final counters). Charts and the worker timeline need the run to have been recorded from its start: the run
 * option {@code report:} does that (see docs/reports.md).
 */
final class ReportCommand implements Command {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String usage() {
        return "ID FILE";
    }

    @Override
    public String summary() {
        return "write the HTML report of a job (state, stages, errors, graph) to FILE";
    }

    @Override
    public void run(List<String> args, CommandContext context) throws CommandException {
        if (args.size() != 2) {
            throw new CommandException("usage: :report ID FILE, e.g. :report 3 run.html (:jobs lists the ids)");
        }
        LiveEntry entry = Entries.find(context.scope(), args.get(0));
        Path file;
        try {
            file = Path.of(args.get(1));
        } catch (InvalidPathException e) {
            throw new CommandException("not a file name: " + args.get(1));
        }
        try {
            Reports.write(List.of(Recording.unrecorded(entry, entry.record())), ":report " + String.join(" ", args),
                    file);
        } catch (IOException | RuntimeException e) {
            throw new CommandException("cannot write the report to " + file + ": " + e.getMessage());
        }
        context.out().println("report of " + entry.kind() + " " + entry.id() + " written to " + file);
    }

    @Override
    public void complete(List<String> args, int index, CommandContext context, List<Candidate> candidates) {
        if (index == 0) {
            Entries.completeIds(context.scope(), false, candidates);
        } else if (index == 1) {
            FileNames.complete(args.get(1), candidates);
        }
    }
}
