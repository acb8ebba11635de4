package io.jobline.shell.commands;

import java.util.List;

import org.jline.reader.Candidate;

import io.jobline.live.LiveEntry;
import io.jobline.live.LiveRegistry;

/** Finding the live entries commands act on, by the ids {@code :jobs} shows, and completing those ids. */
final class Entries {

    private Entries() {
    }

    /** @return the entry of that id in the session, live or recently finished */
    static LiveEntry find(LiveRegistry scope, String id) throws CommandException {
        LiveEntry entry = scope.find(Numbers.id(id));
        if (entry == null) {
            throw new CommandException("no job " + id + " in this session; :jobs lists them");
        }
        return entry;
    }

    /** @return the entry of {@code args[0]}, or the newest live run (else the newest entry) without arguments */
    static LiveEntry chosen(LiveRegistry scope, List<String> args) throws CommandException {
        if (!args.isEmpty()) {
            return find(scope, args.get(0));
        }
        LiveEntry newest = null;
        for (LiveEntry entry : scope.list()) {
            if (entry.parent() == null && (newest == null || entry.isLive() || !newest.isLive())) {
                newest = entry;
            }
        }
        if (newest == null) {
            throw new CommandException("nothing has run in this session yet");
        }
        return newest;
    }

    /** Adds the ids of the session's entries (live ones only if {@code liveOnly}), described. */
    static void completeIds(LiveRegistry scope, boolean liveOnly, List<Candidate> candidates) {
        for (LiveEntry entry : scope.list()) {
            if (!liveOnly || entry.isLive()) {
                String id = String.valueOf(entry.id());
                candidates.add(new Candidate(id, id, null, entry.kind() + " '" + entry.name() + "' " + entry.state(),
                        null, null, true));
            }
        }
    }
}
