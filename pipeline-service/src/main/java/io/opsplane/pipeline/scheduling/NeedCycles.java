package io.opsplane.pipeline.scheduling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds cycles among needs, each as the path of names that returns to its start. */
final class NeedCycles {

    private NeedCycles() {
    }

    /**
     * Each job on a cycle appears in at most one reported cycle. A cycle starts at its job that
     * comes first in definition order; cycles are listed in that order too.
     *
     * @param needs every job's needed jobs, restricted to known jobs; keys in definition order
     */
    static List<List<String>> find(Map<String, List<String>> needs) {
        Map<String, Integer> position = new HashMap<>();
        needs.keySet().forEach(name -> position.put(name, position.size()));
        Set<String> unresolved = new LinkedHashSet<>(needs.keySet());
        List<List<String>> cycles = new ArrayList<>();
        while (true) {
            // what remains after peeling jobs whose needs are all resolved lies on or behind a cycle
            peelResolved(needs, unresolved);
            if (unresolved.isEmpty()) {
                return cycles;
            }
            List<String> cycle = walkToCycle(unresolved.iterator().next(), needs, unresolved);
            cycles.add(startingAtFirstDefined(cycle, position));
            cycle.forEach(unresolved::remove);
        }
    }

    /** Kahn's algorithm: drops every job whose needs all lie outside the unresolved set, repeatedly. */
    private static void peelResolved(Map<String, List<String>> needs, Set<String> unresolved) {
        Map<String, Integer> unresolvedNeeds = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        Deque<String> resolved = new ArrayDeque<>();
        for (String job : unresolved) {
            int count = 0;
            for (String needed : needs.get(job)) {
                if (unresolved.contains(needed)) {
                    count++;
                    dependents.computeIfAbsent(needed, n -> new ArrayList<>()).add(job);
                }
            }
            unresolvedNeeds.put(job, count);
            if (count == 0) {
                resolved.add(job);
            }
        }
        while (!resolved.isEmpty()) {
            String job = resolved.poll();
            unresolved.remove(job);
            for (String dependent : dependents.getOrDefault(job, List.of())) {
                if (unresolvedNeeds.merge(dependent, -1, Integer::sum) == 0) {
                    resolved.add(dependent);
                }
            }
        }
    }

    /** Every unresolved job needs another unresolved one, so following such needs must loop. */
    private static List<String> walkToCycle(String start, Map<String, List<String>> needs, Set<String> unresolved) {
        List<String> path = new ArrayList<>();
        Map<String, Integer> seenAt = new HashMap<>();
        String current = start;
        while (!seenAt.containsKey(current)) {
            seenAt.put(current, path.size());
            path.add(current);
            current = needs.get(current).stream().filter(unresolved::contains).findFirst().orElseThrow();
        }
        return new ArrayList<>(path.subList(seenAt.get(current), path.size()));
    }

    private static List<String> startingAtFirstDefined(List<String> cycle, Map<String, Integer> position) {
        String first = cycle.stream().min(Comparator.comparing(position::get)).orElseThrow();
        int from = cycle.indexOf(first);
        List<String> rotated = new ArrayList<>(cycle.subList(from, cycle.size()));
        rotated.addAll(cycle.subList(0, from));
        rotated.add(first);
        return rotated;
    }
}
