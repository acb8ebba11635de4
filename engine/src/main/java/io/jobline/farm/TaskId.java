package io.jobline.farm;

/**
 * One task of an array job: the job id and the task's index ({@code -1}: the whole job). A value.
 *
 * @param jobId the scheduler's job id
 * @param index the task's index in the array, or -1
 */
public record TaskId(String jobId, int index) {

    /** @return the scheduler's usual way of writing it, {@code 4711_3} */
    @Override
    public String toString() {
        return index < 0 ? jobId : jobId + "_" + index;
    }
}
