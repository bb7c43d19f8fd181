package io.opsplane.pipeline.scheduling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The decision a test case expects, written change by change. */
final class Expect {

    private final List<String> enqueue = new ArrayList<>();
    private final List<String> skip = new ArrayList<>();
    private final List<String> holdManual = new ArrayList<>();
    private final List<DelayedStart> delay = new ArrayList<>();
    private final List<String> waitForResource = new ArrayList<>();

    private Expect() {
    }

    static Expect decision() {
        return new Expect();
    }

    Expect enqueue(String... jobs) {
        enqueue.addAll(List.of(jobs));
        return this;
    }

    Expect skip(String... jobs) {
        skip.addAll(List.of(jobs));
        return this;
    }

    Expect holdManual(String... jobs) {
        holdManual.addAll(List.of(jobs));
        return this;
    }

    /** Scheduled at {@link Jobs#NOW} plus {@code after}. */
    Expect delay(String job, Duration after) {
        delay.add(new DelayedStart(job, Jobs.NOW.plus(after)));
        return this;
    }

    Expect waitForResource(String... jobs) {
        waitForResource.addAll(List.of(jobs));
        return this;
    }

    SchedulingDecision phase(RunPhase phase) {
        return new SchedulingDecision(enqueue, skip, holdManual, delay, waitForResource, phase);
    }
}
