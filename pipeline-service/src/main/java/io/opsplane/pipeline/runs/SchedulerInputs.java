package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.definition.model.When;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.pipeline.scheduling.JobState;
import io.opsplane.pipeline.scheduling.JobStatus;
import io.opsplane.pipeline.scheduling.Need;
import io.opsplane.pipeline.scheduling.SchedulableJob;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns stored jobs into what the scheduler decides on. */
final class SchedulerInputs {

    private SchedulerInputs() {
    }

    static List<SchedulableJob> jobs(List<RunJob> jobs) {
        return jobs.stream().map(SchedulerInputs::job).toList();
    }

    static SchedulableJob job(RunJob job) {
        Optional<List<Need>> needs = job.needs == null ? Optional.empty()
                : Optional.of(NeedLines.read(job.needs).stream().map(n -> new Need(n.job(), n.artifacts())).toList());
        return new SchedulableJob(job.name, job.stageIndex, needs, When.valueOf(job.when.toUpperCase(Locale.ROOT)),
                Duration.ofSeconds(job.startInSeconds), job.allowFailure, job.resourceGroup);
    }

    static Map<String, JobStatus> states(List<RunJob> jobs) {
        Map<String, JobStatus> states = new LinkedHashMap<>();
        for (RunJob job : jobs) {
            JobState state = JobState.valueOf(job.status.toUpperCase(Locale.ROOT));
            states.put(job.name, state == JobState.SCHEDULED ? JobStatus.scheduledAt(job.dueAt)
                    : new JobStatus(state, state == JobState.FAILED && job.failureAllowed, null));
        }
        return states;
    }
}
