package io.opsplane.pipeline.scheduling;

import io.opsplane.pipeline.definition.model.When;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Short ways to write jobs and states in test tables. */
final class Jobs {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private Jobs() {
    }

    static Builder job(String name) {
        return new Builder(name);
    }

    static List<SchedulableJob> jobs(Builder... builders) {
        return Arrays.stream(builders).map(Builder::build).toList();
    }

    /** Pairs of a job name and a {@link JobState} or {@link JobStatus}. */
    static Map<String, JobStatus> states(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("states come in pairs");
        }
        Map<String, JobStatus> states = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object status = pairs[i + 1];
            states.put((String) pairs[i], status instanceof JobState state ? JobStatus.of(state) : (JobStatus) status);
        }
        return states;
    }

    static final class Builder {
        private final String name;
        private int stage;
        private Optional<List<Need>> needs = Optional.empty();
        private When when = When.ON_SUCCESS;
        private Duration startIn = Duration.ZERO;
        private boolean allowFailure;
        private String resourceGroup;

        private Builder(String name) {
            this.name = name;
        }

        Builder stage(int stage) {
            this.stage = stage;
            return this;
        }

        /** {@code needs: [..]}; with no names, {@code needs: []}. */
        Builder needs(String... jobs) {
            this.needs = Optional.of(Arrays.stream(jobs).map(Need::of).toList());
            return this;
        }

        Builder when(When when) {
            this.when = when;
            return this;
        }

        /** {@code when: manual} with the allow_failure flag given: true means non-blocking. */
        Builder manual(boolean allowFailure) {
            this.when = When.MANUAL;
            this.allowFailure = allowFailure;
            return this;
        }

        Builder delayed(Duration startIn) {
            this.when = When.DELAYED;
            this.startIn = startIn;
            return this;
        }

        Builder allowFailure() {
            this.allowFailure = true;
            return this;
        }

        Builder group(String resourceGroup) {
            this.resourceGroup = resourceGroup;
            return this;
        }

        SchedulableJob build() {
            return new SchedulableJob(name, stage, needs, when, startIn, allowFailure, resourceGroup);
        }
    }
}
