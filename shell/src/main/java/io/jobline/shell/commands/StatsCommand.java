package io.jobline.shell.commands;

import java.util.List;

import org.jline.reader.Candidate;

import io.jobline.live.LiveEntry;
import io.jobline.live.LiveSnapshot;
import io.jobline.live.PartSnapshot;
import io.jobline.live.StatsSampler;
import io.jobline.shell.views.LiveText;
import io.jobline.shell.views.Table;

/** {@code :stats [ID]}: per-stage numbers of a run (the newest live one without ID). */
final class StatsCommand implements Command {

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public String usage() {
        return "[ID]";
    }

    @Override
    public String summary() {
        return "per-stage table of a run: threads, queue, in, out, errors, busy, items/s";
    }

    @Override
    public void run(List<String> args, CommandContext context) throws CommandException {
        LiveEntry entry = Entries.chosen(context.scope(), args);
        lines(entry, context.sampler()).forEach(context.out()::println);
    }

    /** @return the heading line and the per-part table of {@code entry} */
    static List<String> lines(LiveEntry entry, StatsSampler sampler) {
        LiveSnapshot snapshot = entry.snapshot();
        Table table = new Table("stage", ">threads", ">queue", ">in", ">out", ">errors", ">busy", ">items/s");
        for (PartSnapshot part : snapshot.parts()) {
            table.row(part.name(), part.size(), part.queueSize() + "/" + part.queueCapacity(), part.in(), part.out(),
                    part.errors(), part.busy(), entry.isLive() ? LiveText.rate(sampler.rate(entry, part.name())) : "-");
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add(LiveText.ended(entry));
        if (!table.isEmpty()) {
            lines.addAll(table.lines());
        }
        return lines;
    }

    @Override
    public void complete(List<String> args, int index, CommandContext context, List<Candidate> candidates) {
        if (index == 0) {
            Entries.completeIds(context.scope(), false, candidates);
        }
    }
}
