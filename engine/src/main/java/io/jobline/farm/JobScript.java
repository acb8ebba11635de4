package io.jobline.farm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the bash script every task of an array job runs. The task reads its index from the scheduler's variable,
 * runs its command with stdout and stderr in {@code INDEX.log}, then writes {@code INDEX.exit} ("code host",
 * through a temporary name and a rename): that file, not the scheduler's word, is how the engine learns that a
 * task ended and how. A task killed before it ends writes none, and the scheduler's state explains it.
 */
final class JobScript {

    private JobScript() {
    }

    /**
     * @param depth the {@code JOBLINE_DEPTH} the tasks run at (one more than this process's)
     */
    static Path write(Path dir, Scheduler scheduler, List<FarmTask> tasks, int depth) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# Written by Jobline: runs one task of this array job; see docs/farms.md.\n");
        s.append(scheduler.taskIndexScript()).append('\n');
        s.append("d=").append(quote(dir.toAbsolutePath().toString())).append('\n');
        s.append("umask 077\n");
        s.append("export JOBLINE_DEPTH=").append(depth).append(" JOBLINE_TASK_INDEX=\"$i\"");
        scheduler.taskEnvironment(depth).forEach((name, value) -> s.append(' ').append(name).append('=')
                .append(quote(value)));
        s.append('\n');
        boolean same = tasks.stream().map(FarmTask::command).distinct().count() == 1;
        if (same) {
            s.append("c=").append(quote(tasks.get(0).command())).append('\n');
        } else {
            s.append("case \"$i\" in\n");
            for (int i = 0; i < tasks.size(); i++) {
                s.append(i).append(") c=").append(quote(tasks.get(i).command())).append(" ;;\n");
            }
            s.append("*) echo \"no task $i in this job\" >&2; exit 2 ;;\nesac\n");
        }
        s.append("bash -c \"$c\" > \"$d/$i.log\" 2>&1 < /dev/null\n");
        s.append("code=$?\n");
        s.append("printf '%s %s\\n' \"$code\" \"$(hostname)\" > \"$d/.$i.exit.tmp\" && mv -f \"$d/.$i.exit.tmp\" \"$d/$i.exit\"\n");
        s.append("exit \"$code\"\n");
        Path script = dir.resolve("job.sh");
        io.jobline.remote.PrivateFiles.write(script, s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        script.toFile().setExecutable(true, true);
        return script;
    }

    /** @return {@code text} as one single-quoted bash word */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
