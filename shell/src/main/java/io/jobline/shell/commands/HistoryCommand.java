package io.jobline.shell.commands;

import java.util.ArrayList;
import java.util.List;

import org.jline.reader.History;

/** {@code :history [N]}: the last N inputs (20 by default), oldest first, with their numbers. */
final class HistoryCommand implements Command {

    private static final int DEFAULT = 20;

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String usage() {
        return "[N]";
    }

    @Override
    public String summary() {
        return "show the last N inputs (default " + DEFAULT + "); Ctrl-R searches them";
    }

    @Override
    public void run(List<String> args, CommandContext context) throws CommandException {
        int count = args.isEmpty() ? DEFAULT : Numbers.positive(args.get(0), "N");
        History history = context.history();
        if (history == null || history.isEmpty()) {
            context.out().println("no history");
            return;
        }
        List<History.Entry> entries = new ArrayList<>();
        history.forEach(entries::add);
        for (History.Entry entry : entries.subList(Math.max(0, entries.size() - count), entries.size())) {
            String text = entry.line().replace("\n", "\n       ");
            context.out().println(String.format("%5d  %s", entry.index() + 1, text));
        }
    }
}
