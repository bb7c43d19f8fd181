package io.opsplane.pipeline.scheduling;

import io.opsplane.pipeline.definition.model.When;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** A seeded, valid pipeline mixing every feature the scheduler knows, in shuffled definition order. */
final class RandomPipeline {

    private static final String[] GROUPS = {"prod", "staging", "db"};

    private RandomPipeline() {
    }

    static List<SchedulableJob> generate(Random random, int stages, int jobsPerStage) {
        List<SchedulableJob> jobs = new ArrayList<>();
        for (int stage = 0; stage < stages; stage++) {
            for (int k = 0; k < jobsPerStage; k++) {
                jobs.add(job(random, "s" + stage + "-j" + k, stage, jobs));
            }
        }
        Collections.shuffle(jobs, random);
        return List.copyOf(jobs);
    }

    /** @param earlier the jobs generated so far: all of earlier stages and the earlier ones of this stage */
    private static SchedulableJob job(Random random, String name, int stage, List<SchedulableJob> earlier) {
        Optional<List<Need>> needs = Optional.empty();
        if (random.nextDouble() < 0.4 && !earlier.isEmpty()) {
            int count = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(3);
            Set<String> picked = new LinkedHashSet<>();
            // mostly recent jobs, so needs reach into the previous stage or two and into the same stage
            int window = Math.min(earlier.size(), 45);
            for (int i = 0; i < count; i++) {
                picked.add(earlier.get(earlier.size() - 1 - random.nextInt(window)).name());
            }
            needs = Optional.of(picked.stream().map(Need::of).toList());
        }
        double w = random.nextDouble();
        When when = w < 0.68 ? When.ON_SUCCESS
                : w < 0.75 ? When.ON_FAILURE
                : w < 0.82 ? When.ALWAYS
                : w < 0.89 ? When.MANUAL
                : w < 0.95 ? When.DELAYED
                : When.NEVER;
        // blocking manual jobs are gates: rarer than the optional ones
        boolean allowFailure = random.nextDouble() < (when == When.MANUAL ? 0.7 : 0.1);
        Duration startIn = when == When.DELAYED ? Duration.ofSeconds(15 + random.nextInt(106)) : Duration.ZERO;
        String group = random.nextDouble() < 0.15 ? GROUPS[random.nextInt(GROUPS.length)] : null;
        return new SchedulableJob(name, stage, needs, when, startIn, allowFailure, group);
    }
}
