package io.opsplane.pipeline.scheduling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A topological order of a pipeline's jobs: stage by stage, and inside a stage each job after the
 * jobs it needs; ties keep definition order.
 */
public final class ExecutionOrder {

    private ExecutionOrder() {
    }

    /**
     * The job names in an order where every job comes after the jobs of earlier stages and after
     * its needs.
     *
     * @throws IllegalArgumentException naming every {@link DagValidation} problem of the jobs
     */
    public static List<String> of(List<SchedulableJob> jobs) {
        List<DagProblem> problems = DagValidation.problems(jobs);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    problems.stream().map(DagProblem::message).collect(Collectors.joining("; ")));
        }
        return bestEffort(jobs).stream().map(SchedulableJob::name).toList();
    }

    /**
     * The same order without validation: needs on unknown jobs or other stages are ignored, and jobs
     * on a cycle come last in their stage, in definition order.
     */
    static List<SchedulableJob> bestEffort(List<SchedulableJob> jobs) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            position.putIfAbsent(jobs.get(i).name(), i);
        }
        Map<Integer, List<Integer>> stages = new TreeMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            stages.computeIfAbsent(jobs.get(i).stageIndex(), stage -> new ArrayList<>()).add(i);
        }
        List<SchedulableJob> order = new ArrayList<>(jobs.size());
        stages.values().forEach(stage -> order.addAll(orderStage(jobs, stage, position)));
        return order;
    }

    /** Kahn's algorithm over the needs inside one stage, smallest definition position first. */
    private static List<SchedulableJob> orderStage(List<SchedulableJob> jobs, List<Integer> stage, Map<String, Integer> position) {
        Map<Integer, Integer> unmetNeeds = new HashMap<>();
        Map<Integer, List<Integer>> dependents = new HashMap<>();
        for (int job : stage) {
            unmetNeeds.put(job, 0);
        }
        for (int job : stage) {
            for (Need need : jobs.get(job).needs().orElse(List.of())) {
                Integer needed = position.get(need.job());
                if (needed != null && unmetNeeds.containsKey(needed)) {
                    unmetNeeds.merge(job, 1, Integer::sum);
                    dependents.computeIfAbsent(needed, n -> new ArrayList<>()).add(job);
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>(Comparator.naturalOrder());
        unmetNeeds.forEach((job, unmet) -> {
            if (unmet == 0) {
                ready.add(job);
            }
        });
        List<SchedulableJob> order = new ArrayList<>(stage.size());
        while (!ready.isEmpty()) {
            int job = ready.poll();
            order.add(jobs.get(job));
            unmetNeeds.remove(job);
            for (int dependent : dependents.getOrDefault(job, List.of())) {
                if (unmetNeeds.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        unmetNeeds.keySet().stream().sorted().forEach(job -> order.add(jobs.get(job)));
        return order;
    }
}
