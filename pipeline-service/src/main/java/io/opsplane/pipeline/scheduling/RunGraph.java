package io.opsplane.pipeline.scheduling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A run's jobs indexed for scheduling: by name, in processing order, with each job's prerequisites. */
final class RunGraph {

    private final List<SchedulableJob> jobs;
    private final Map<String, SchedulableJob> byName;
    private final List<SchedulableJob> byStage;
    /** For each stage index, how many jobs of {@link #byStage} lie in earlier stages. */
    private final Map<Integer, Integer> earlierStageCount;
    private final List<SchedulableJob> processingOrder;

    private RunGraph(List<SchedulableJob> jobs) {
        this.jobs = List.copyOf(jobs);
        this.byName = new HashMap<>();
        for (SchedulableJob job : this.jobs) {
            if (byName.putIfAbsent(job.name(), job) != null) {
                throw new IllegalArgumentException("job name \"" + job.name() + "\" is used more than once");
            }
        }
        for (SchedulableJob job : this.jobs) {
            for (Need need : job.needs().orElse(List.of())) {
                if (!byName.containsKey(need.job())) {
                    throw new IllegalArgumentException(
                            "job \"" + job.name() + "\" needs \"" + need.job() + "\", which is not a job of this run");
                }
            }
        }
        this.byStage = this.jobs.stream().sorted(Comparator.comparingInt(SchedulableJob::stageIndex)).toList();
        this.earlierStageCount = new HashMap<>();
        for (int i = 0; i < byStage.size(); i++) {
            earlierStageCount.putIfAbsent(byStage.get(i).stageIndex(), i);
        }
        this.processingOrder = ExecutionOrder.bestEffort(this.jobs);
    }

    /** Refuses duplicate names and needs on jobs outside the run: the caller has a bug. */
    static RunGraph of(List<SchedulableJob> jobs) {
        return new RunGraph(jobs);
    }

    /** Definition order. */
    List<SchedulableJob> jobs() {
        return jobs;
    }

    /** Stage by stage, needs before their dependents: a job's prerequisites come before it. */
    List<SchedulableJob> processingOrder() {
        return processingOrder;
    }

    /** The jobs that must finish before this one: its needs, or every job of earlier stages. */
    List<SchedulableJob> prerequisitesOf(SchedulableJob job) {
        if (job.followsNeeds()) {
            List<SchedulableJob> needed = new ArrayList<>();
            job.needs().orElseThrow().forEach(need -> needed.add(byName.get(need.job())));
            return needed;
        }
        return byStage.subList(0, earlierStageCount.get(job.stageIndex()));
    }

    /** Every job's status; a job the map does not name is CREATED. */
    Map<String, JobStatus> statusesFrom(Map<String, JobStatus> states) {
        Map<String, JobStatus> statuses = new HashMap<>();
        states.forEach((name, status) -> {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("a state is given for \"" + name + "\", which is not a job of this run");
            }
            statuses.put(name, status);
        });
        jobs.forEach(job -> statuses.putIfAbsent(job.name(), JobStatus.of(JobState.CREATED)));
        return statuses;
    }
}
