package io.jobline.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.jobline.farm.FarmSettings;
import io.jobline.farm.Leftovers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jobline farm submit|status|cancel|check}: command jobs on a farm without a script, and what the ledgers in
 * a workDir say is still out there.
 */
@Command(name = "farm",
        mixinStandardHelpOptions = true,
        description = "Submits command jobs to a farm (Slurm, Qube), and shows or cancels what a Jobline left running.",
        subcommands = {FarmSubmitCommand.class, FarmCommand.Status.class, FarmCommand.Cancel.class,
                FarmCheckCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 usage, 130 interrupted (Ctrl-C); submit exits with the job's code."})
final class FarmCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        main.out().println("Usage: jobline farm submit|status|cancel|check … (jobline farm --help)");
        return Main.USAGE;
    }

    /** {@code jobline farm status [WORKDIR]} */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Lists the sessions in WORKDIR (default ~/.jobline/farm) and the jobs their ledgers do not "
                    + "record as ended, with what the scheduler says of them now.")
    static final class Status implements Callable<Integer> {

        @ParentCommand
        FarmCommand farm;

        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKDIR", description = "A workDir or a session folder.")
        Path dir;

        @Override
        public Integer call() {
            Path where = dir == null ? FarmSettings.defaultWorkDir() : dir;
            if (dir == null && !java.nio.file.Files.isDirectory(where)) {
                farm.main.out().println("no Jobline farm sessions in " + where);
                return Main.OK;
            }
            try {
                List<String> lines = Leftovers.describe(where);
                if (lines.isEmpty()) {
                    farm.main.out().println("no Jobline farm sessions in " + where);
                }
                lines.forEach(farm.main.out()::println);
                return Main.OK;
            } catch (IOException | RuntimeException e) {
                farm.main.err().println("jobline farm status: " + e.getMessage());
                return Main.FAILED;
            }
        }
    }

    /** {@code jobline farm cancel WORKDIR} */
    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Kills every job the ledgers in WORKDIR (a workDir or one session folder) do not record as "
                    + "ended: what a killed Jobline left behind.")
    static final class Cancel implements Callable<Integer> {

        @ParentCommand
        FarmCommand farm;

        @Parameters(index = "0", paramLabel = "WORKDIR", description = "A workDir or a session folder.")
        Path dir;

        @Override
        public Integer call() {
            try {
                List<String> lines = Leftovers.cancel(dir);
                if (lines.isEmpty()) {
                    farm.main.out().println("nothing to cancel in " + dir + ": every job there has ended");
                }
                lines.forEach(farm.main.out()::println);
                return Main.OK;
            } catch (IOException | RuntimeException e) {
                farm.main.err().println("jobline farm cancel: " + e.getMessage());
                return Main.FAILED;
            }
        }
    }
}
