package io.opsplane.pipeline.scheduling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Checks a pipeline's jobs before they are scheduled: unique names, needs on jobs that exist, in the
 * same or an earlier stage (GitLab allows same-stage needs since 14.2), and no cycles among needs.
 */
public final class DagValidation {

    private static final String ARROW = " \u2192 ";

    private DagValidation() {
    }

    /** Problems in a fixed order (duplicates, then needs job by job, then cycles); empty when valid. */
    public static List<DagProblem> problems(List<SchedulableJob> jobs) {
        return problems(jobs, index -> "stage " + index);
    }

    /** The same, naming stages by {@code stageNames.get(stageIndex)} in messages. */
    public static List<DagProblem> problems(List<SchedulableJob> jobs, List<String> stageNames) {
        return problems(jobs, index -> index < stageNames.size() ? "stage \"" + stageNames.get(index) + "\"" : "stage " + index);
    }

    private static List<DagProblem> problems(List<SchedulableJob> jobs, IntFunction<String> stage) {
        List<DagProblem> problems = new ArrayList<>();
        Map<String, SchedulableJob> byName = new HashMap<>();
        Set<String> duplicated = new LinkedHashSet<>();
        for (SchedulableJob job : jobs) {
            if (byName.putIfAbsent(job.name(), job) != null) {
                duplicated.add(job.name());
            }
        }
        duplicated.forEach(name -> problems.add(new DagProblem(DagProblem.Kind.DUPLICATE_JOB,
                "job name \"" + name + "\" is used more than once")));

        Map<String, List<String>> knownNeeds = new LinkedHashMap<>();
        for (SchedulableJob job : jobs) {
            List<String> known = new ArrayList<>();
            for (Need need : job.needs().orElse(List.of())) {
                SchedulableJob needed = byName.get(need.job());
                if (needed == null) {
                    problems.add(new DagProblem(DagProblem.Kind.UNKNOWN_NEED,
                            "job \"" + job.name() + "\" needs \"" + need.job() + "\", which is not a job of this pipeline"));
                    continue;
                }
                known.add(needed.name());
                if (needed.stageIndex() > job.stageIndex()) {
                    problems.add(new DagProblem(DagProblem.Kind.NEED_ON_LATER_STAGE,
                            "job \"" + job.name() + "\" (" + stage.apply(job.stageIndex()) + ") needs \"" + needed.name()
                                    + "\" (" + stage.apply(needed.stageIndex()) + "), a later stage;"
                                    + " a job can only need jobs of its own or earlier stages"));
                }
            }
            knownNeeds.putIfAbsent(job.name(), known);
        }

        for (List<String> cycle : NeedCycles.find(knownNeeds)) {
            problems.add(new DagProblem(DagProblem.Kind.CYCLE, "needs form a cycle: " + String.join(ARROW, cycle)));
        }
        return problems;
    }
}
