package io.jobline.shell.commands;

import java.io.IOException;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.terminal.Terminal;

import io.jobline.live.LiveEntry;
import io.jobline.shell.views.WatchView;

/** {@code :watch [ID]}: a full-screen live view of a run; off a full terminal, one frame of it. */
final class WatchCommand implements Command {

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public String usage() {
        return "[ID]";
    }

    @Override
    public String summary() {
        return "full-screen live view of a run (q or Ctrl-C returns; the run goes on)";
    }

    @Override
    public void run(List<String> args, CommandContext context) throws CommandException {
        LiveEntry entry = Entries.chosen(context.scope(), args);
        Terminal terminal = context.terminal();
        WatchView view = terminal == null ? null : new WatchView(terminal, entry, context.sampler());
        if (terminal == null || terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
            // no cursor movement here: one frame, as :stats would print it
            StatsCommand.lines(entry, context.sampler()).forEach(context.out()::println);
            context.out().println("(:watch redraws live on a full terminal; this is one frame)");
            return;
        }
        context.fullScreen(() -> {
            try {
                view.show();
            } catch (IOException e) {
                context.out().println("ERROR :watch: the terminal failed: " + e.getMessage());
            }
        });
    }

    @Override
    public void complete(List<String> args, int index, CommandContext context, List<Candidate> candidates) {
        if (index == 0) {
            Entries.completeIds(context.scope(), false, candidates);
        }
    }
}
