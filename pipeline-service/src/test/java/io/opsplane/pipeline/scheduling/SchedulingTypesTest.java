package io.opsplane.pipeline.scheduling;

import io.opsplane.pipeline.definition.model.When;

import static io.opsplane.pipeline.scheduling.Jobs.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulingTypesTest {

    record Invalid(String name, Executable construction, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static SchedulableJob job(String name, int stage, When when, Duration startIn, String group) {
        return new SchedulableJob(name, stage, Optional.empty(), when, startIn, false, group);
    }

    static Stream<Invalid> invalidValues() {
        return Stream.of(
                new Invalid("a blank job name", () -> job(" ", 0, When.ON_SUCCESS, null, null), "a job has a name"),
                new Invalid("a negative stage index", () -> job("a", -1, When.ON_SUCCESS, null, null),
                        "job \"a\": stage index is negative"),
                new Invalid("a delayed job without start_in", () -> job("a", 0, When.DELAYED, Duration.ZERO, null),
                        "job \"a\": a delayed job needs a positive start_in"),
                new Invalid("a negative start_in", () -> job("a", 0, When.DELAYED, Duration.ofSeconds(-1), null),
                        "job \"a\": start_in is negative"),
                new Invalid("a blank resource group", () -> job("a", 0, When.ON_SUCCESS, null, ""),
                        "job \"a\": resource group is blank"),
                new Invalid("a blank need", () -> Need.of(""), "a need names a job"),
                new Invalid("an allowed failure on a successful job", () -> new JobStatus(JobState.SUCCESS, true, null),
                        "only a failed job has an allowed failure, not a SUCCESS one"),
                new Invalid("a scheduled job without a due time", () -> new JobStatus(JobState.SCHEDULED, false, null),
                        "a scheduled job, and only a scheduled job, has a due time"),
                new Invalid("a due time on a pending job", () -> new JobStatus(JobState.PENDING, false, NOW),
                        "a scheduled job, and only a scheduled job, has a due time"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void refusesValuesThatCannotHappen(Invalid c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.construction());
        assertEquals(c.message(), e.getMessage());
    }

    @Test
    void aJobKeepsACopyOfItsNeeds() {
        List<Need> needs = new ArrayList<>(List.of(Need.of("a")));
        SchedulableJob job = new SchedulableJob("b", 1, Optional.of(needs), When.ON_SUCCESS, null, false, null);
        needs.add(Need.of("c"));

        assertEquals(Optional.of(List.of(Need.of("a"))), job.needs());
        assertEquals(Duration.ZERO, job.startIn());
        assertTrue(job.followsNeeds());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JobState.class)
    void finishedStatesAreTheFourOutcomes(JobState state) {
        boolean finished = state == JobState.SUCCESS || state == JobState.FAILED || state == JobState.CANCELED
                || state == JobState.SKIPPED;
        assertEquals(finished, state.isFinished());
        assertEquals(state == JobState.PENDING || state == JobState.RUNNING, state.holdsResource());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RunPhase.class)
    void finishedPhasesAreTheFourOutcomes(RunPhase phase) {
        boolean finished = phase == RunPhase.SUCCESS || phase == RunPhase.FAILED || phase == RunPhase.CANCELED
                || phase == RunPhase.SKIPPED;
        assertEquals(finished, phase.isFinished());
    }

    @Test
    void onlyUnallowedFailuresAndCancelsCountAsFailures() {
        assertTrue(JobStatus.of(JobState.FAILED).isBlockingFailure());
        assertTrue(JobStatus.of(JobState.CANCELED).isBlockingFailure());
        assertFalse(JobStatus.allowedFailure().isBlockingFailure());
        assertFalse(JobStatus.of(JobState.SKIPPED).isBlockingFailure());
        assertFalse(JobStatus.of(JobState.SUCCESS).isBlockingFailure());
    }

    @Test
    void aDecisionAppliesEachChangeToANewMap() {
        Instant due = NOW.plusSeconds(60);
        SchedulingDecision decision = new SchedulingDecision(
                List.of("q"), List.of("s"), List.of("m"), List.of(new DelayedStart("d", due)), List.of("w"), RunPhase.RUNNING);
        Map<String, JobStatus> states = Map.of("done", JobStatus.of(JobState.SUCCESS), "w", JobStatus.of(JobState.CREATED));

        Map<String, JobStatus> applied = decision.applyTo(states);

        assertEquals(Map.of(
                "done", JobStatus.of(JobState.SUCCESS),
                "q", JobStatus.of(JobState.PENDING),
                "s", JobStatus.of(JobState.SKIPPED),
                "m", JobStatus.of(JobState.MANUAL),
                "d", JobStatus.scheduledAt(due),
                "w", JobStatus.of(JobState.WAITING_FOR_RESOURCE)), applied);
        assertEquals(JobStatus.of(JobState.CREATED), states.get("w"));
        assertFalse(decision.isEmpty());
        assertTrue(new SchedulingDecision(List.of(), List.of(), List.of(), List.of(), List.of(), RunPhase.SUCCESS).isEmpty());
    }
}
