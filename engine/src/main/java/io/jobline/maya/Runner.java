package io.jobline.maya;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Where a {@link Maya}'s work items run: a farm ({@link FarmRunner}: one farm job per Maya job, one task per work
 * item) or this machine ({@link LocalRunner}, {@code farm: 'process'}). A runner runs shell command lines and
 * completes each {@link Part} when its command ends; what the command means (Render, mayapy) is the caller's.
 */
interface Runner extends AutoCloseable {

    /** @return the job options it takes ({@code cpus}, {@code partition} … on a farm) */
    Set<String> jobOptionNames();

    /** @return its name for messages, e.g. {@code slurm}, {@code process} */
    String name();

    /**
     * Submits one job of work items: {@code frames} cut into chunks of at most {@code chunk} consecutive numbers,
     * each running {@code command.apply(start, end)} under bash; returns once they are submitted.
     *
     * @param options job options (checked by the runner)
     * @throws IllegalArgumentException for a bad option, naming it
     * @throws IllegalStateException    when the farm refused the job
     */
    List<Part> submit(String name, List<Integer> frames, int chunk, Map<String, Object> options,
                      BiFunction<Integer, Integer, String> command);

    /** Cancels its work items not final; closes what it created (a farm given by the caller stays open). */
    @Override
    void close();
}
