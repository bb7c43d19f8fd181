package io.opsplane.pipeline.scheduling;

import io.opsplane.pipeline.definition.model.When;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives 200-job runs to their end: the scheduler decides, a fake runner moves PENDING to RUNNING
 * and RUNNING to a scripted outcome, people may play manual jobs, the clock ticks. Checks every
 * decision against the rules as it goes, and every job's final state against its prerequisites'.
 */
class DagSchedulerConvergenceTest {

    private static final int STAGES = 10;
    private static final int JOBS_PER_STAGE = 20;
    private static final Duration TICK = Duration.ofSeconds(10);
    private static final int MAX_TICKS = 3_000;

    private final DagScheduler scheduler = new DagScheduler();

    record Scenario(String name, long seed, double failureRate, boolean peoplePlayManualJobs) {
        @Override
        public String toString() {
            return name + " (seed " + seed + ")";
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("every job succeeds, manual jobs are played", 1, 0, true),
                new Scenario("every job succeeds, manual jobs are played", 2, 0, true),
                new Scenario("every job succeeds, nobody plays manual jobs", 3, 0, false),
                new Scenario("2% of jobs fail or are canceled, manual jobs are played", 4, 0.02, true),
                new Scenario("2% of jobs fail or are canceled, manual jobs are played", 5, 0.02, true),
                new Scenario("2% of jobs fail or are canceled, nobody plays manual jobs", 6, 0.02, false),
                new Scenario("10% of jobs fail or are canceled, manual jobs are played", 7, 0.10, true),
                new Scenario("10% of jobs fail or are canceled, nobody plays manual jobs", 8, 0.10, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void runsTwoHundredJobsToTheEnd(Scenario scenario) {
        Random random = new Random(scenario.seed());
        List<SchedulableJob> jobs = RandomPipeline.generate(random, STAGES, JOBS_PER_STAGE);
        assertEquals(List.of(), DagValidation.problems(jobs));
        Map<String, JobStatus> outcomes = scriptOutcomes(jobs, random, scenario.failureRate());
        FakeRunner runner = new FakeRunner(outcomes, scriptDurations(jobs, random));
        Rules rules = new Rules(jobs);

        Map<String, JobStatus> states = new HashMap<>();
        Instant now = Jobs.NOW;
        Map<JobState, Integer> changesSeen = new EnumMap<>(JobState.class);
        Stream.of(JobState.PENDING, JobState.SKIPPED, JobState.MANUAL, JobState.SCHEDULED, JobState.WAITING_FOR_RESOURCE)
                .forEach(state -> changesSeen.put(state, 0));
        RunPhase phase = null;
        int tick = 0;
        while (true) {
            assertTrue(++tick < MAX_TICKS, "the run did not end within " + MAX_TICKS + " ticks");
            SchedulingDecision decision = scheduler.next(jobs, states, now);
            Map<String, JobStatus> applied = decision.applyTo(states);
            rules.checkDecision(decision, states, applied, now);
            rules.checkResourceGroups(applied);
            SchedulingDecision again = scheduler.next(jobs, applied, now);
            assertTrue(again.isEmpty(), () -> "not idempotent: " + again);
            assertEquals(RunPhases.of(jobs, applied), decision.phase());
            count(decision, changesSeen);
            states = applied;
            phase = decision.phase();

            boolean moved = runner.step(states);
            if (scenario.peoplePlayManualJobs()) {
                moved |= playManualJobs(jobs, states);
            }
            boolean waitingForTime = states.values().stream().anyMatch(s -> s.state() == JobState.SCHEDULED);
            if (decision.isEmpty() && !moved && !waitingForTime) {
                break;
            }
            now = now.plus(TICK);
        }

        for (JobStatus status : states.values()) {
            assertFalse(List.of(JobState.PENDING, JobState.RUNNING, JobState.WAITING_FOR_RESOURCE, JobState.SCHEDULED)
                    .contains(status.state()), "left moving: " + status);
        }
        Map<String, JobStatus> finalStates = states;
        for (SchedulableJob job : jobs) {
            assertEquals(rules.expectedFinalState(job, finalStates, outcomes, scenario.peoplePlayManualJobs()),
                    finalStates.getOrDefault(job.name(), JobStatus.of(JobState.CREATED)), job::toString);
        }
        assertEquals(rules.expectedPhase(finalStates), phase);
        if (scenario.peoplePlayManualJobs()) {
            assertTrue(phase.isFinished(), "with every manual job played the run ends: " + phase);
        }
        // the generated runs must exercise the features, or this test proves little
        // unplayed blocking manual jobs in early stages stop much of the run, as they should
        int enqueuedAtLeast = scenario.peoplePlayManualJobs() ? 40 : 10;
        assertTrue(changesSeen.get(JobState.PENDING) >= enqueuedAtLeast, () -> "enqueued: " + changesSeen);
        assertTrue(changesSeen.get(JobState.SKIPPED) >= 5, () -> "skipped: " + changesSeen);
        if (scenario.failureRate() == 0 && scenario.peoplePlayManualJobs()) {
            assertTrue(changesSeen.get(JobState.WAITING_FOR_RESOURCE) > 0, () -> "resource waits: " + changesSeen);
            assertTrue(changesSeen.get(JobState.SCHEDULED) > 0, () -> "delays: " + changesSeen);
            assertTrue(changesSeen.get(JobState.MANUAL) > 0, () -> "manual holds: " + changesSeen);
        }
        if (scenario.failureRate() > 0) {
            assertTrue(jobs.stream().anyMatch(job -> job.when() == When.ON_FAILURE
                    && finalStates.getOrDefault(job.name(), JobStatus.of(JobState.CREATED)).state() != JobState.SKIPPED), "an on_failure job ran");
        }
    }

    /** Each job's result should it run; a manual job that does not block only ever fails allowed (see Rules). */
    private static Map<String, JobStatus> scriptOutcomes(List<SchedulableJob> jobs, Random random, double failureRate) {
        Map<String, JobStatus> outcomes = new HashMap<>();
        for (SchedulableJob job : jobs) {
            double r = random.nextDouble();
            JobStatus outcome;
            if (r >= failureRate) {
                outcome = JobStatus.of(JobState.SUCCESS);
            } else if (r < failureRate * 0.75 || (job.when() == When.MANUAL && job.allowFailure())) {
                outcome = job.allowFailure() ? JobStatus.allowedFailure() : JobStatus.of(JobState.FAILED);
            } else {
                outcome = JobStatus.of(JobState.CANCELED);
            }
            outcomes.put(job.name(), outcome);
        }
        return outcomes;
    }

    /** How many ticks each job runs. */
    private static Map<String, Integer> scriptDurations(List<SchedulableJob> jobs, Random random) {
        Map<String, Integer> durations = new HashMap<>();
        jobs.forEach(job -> durations.put(job.name(), 1 + random.nextInt(4)));
        return durations;
    }

    /** Each step finishes the RUNNING jobs whose time is up with their scripted outcome, then starts the PENDING ones. */
    private static final class FakeRunner {
        private final Map<String, JobStatus> outcomes;
        private final Map<String, Integer> durations;
        private final Map<String, Integer> ticksLeft = new HashMap<>();

        FakeRunner(Map<String, JobStatus> outcomes, Map<String, Integer> durations) {
            this.outcomes = outcomes;
            this.durations = durations;
        }

        boolean step(Map<String, JobStatus> states) {
            boolean moved = false;
            for (Map.Entry<String, JobStatus> entry : states.entrySet()) {
                if (entry.getValue().state() == JobState.RUNNING && ticksLeft.merge(entry.getKey(), -1, Integer::sum) == 0) {
                    entry.setValue(outcomes.get(entry.getKey()));
                    moved = true;
                }
            }
            for (Map.Entry<String, JobStatus> entry : states.entrySet()) {
                if (entry.getValue().state() == JobState.PENDING) {
                    entry.setValue(JobStatus.of(JobState.RUNNING));
                    ticksLeft.put(entry.getKey(), durations.get(entry.getKey()));
                    moved = true;
                }
            }
            return moved || states.values().stream().anyMatch(status -> status.state() == JobState.RUNNING);
        }
    }

    /** A person plays every manual job; one in a resource group queues for it like any job. */
    private static boolean playManualJobs(List<SchedulableJob> jobs, Map<String, JobStatus> states) {
        boolean played = false;
        for (SchedulableJob job : jobs) {
            JobStatus status = states.get(job.name());
            if (status != null && status.state() == JobState.MANUAL) {
                states.put(job.name(), JobStatus.of(job.resourceGroup() == null ? JobState.PENDING : JobState.WAITING_FOR_RESOURCE));
                played = true;
            }
        }
        return played;
    }

    private static void count(SchedulingDecision decision, Map<JobState, Integer> seen) {
        seen.merge(JobState.PENDING, decision.enqueue().size(), Integer::sum);
        seen.merge(JobState.SKIPPED, decision.skip().size(), Integer::sum);
        seen.merge(JobState.MANUAL, decision.holdManual().size(), Integer::sum);
        seen.merge(JobState.SCHEDULED, decision.delay().size(), Integer::sum);
        seen.merge(JobState.WAITING_FOR_RESOURCE, decision.waitForResource().size(), Integer::sum);
    }

    /** GitLab's rules written again, plainly, to check the scheduler against. */
    private static final class Rules {

        private final List<SchedulableJob> jobs;
        private final Map<String, SchedulableJob> byName;
        private final Map<String, Integer> position;

        Rules(List<SchedulableJob> jobs) {
            this.jobs = jobs;
            this.byName = jobs.stream().collect(Collectors.toMap(SchedulableJob::name, Function.identity()));
            this.position = new HashMap<>();
            jobs.forEach(job -> position.put(job.name(), position.size()));
        }

        List<SchedulableJob> prerequisites(SchedulableJob job) {
            return job.needs()
                    .map(needs -> needs.stream().map(need -> byName.get(need.job())).toList())
                    .orElseGet(() -> jobs.stream().filter(other -> other.stageIndex() < job.stageIndex()).toList());
        }

        private static JobStatus status(Map<String, JobStatus> states, SchedulableJob job) {
            return states.getOrDefault(job.name(), JobStatus.of(JobState.CREATED));
        }

        /** A manual job that does not block is passed over by stage order while it waits. */
        boolean prerequisitesThrough(SchedulableJob job, Map<String, JobStatus> states) {
            return prerequisites(job).stream().allMatch(p -> {
                JobState state = status(states, p).state();
                return state.isFinished() || (!job.followsNeeds() && state == JobState.MANUAL && p.allowFailure());
            });
        }

        boolean prerequisiteFailed(SchedulableJob job, Map<String, JobStatus> states) {
            return prerequisites(job).stream().map(p -> status(states, p))
                    .anyMatch(s -> s.state() == JobState.CANCELED || (s.state() == JobState.FAILED && !s.failureAllowed()));
        }

        boolean neededJobSkipped(SchedulableJob job, Map<String, JobStatus> states) {
            return job.followsNeeds() && prerequisites(job).stream().anyMatch(p -> status(states, p).state() == JobState.SKIPPED);
        }

        void checkDecision(SchedulingDecision decision, Map<String, JobStatus> before, Map<String, JobStatus> applied, Instant now) {
            inDefinitionOrder(decision.enqueue());
            inDefinitionOrder(decision.skip());
            inDefinitionOrder(decision.holdManual());
            inDefinitionOrder(decision.delay().stream().map(DelayedStart::job).toList());
            inDefinitionOrder(decision.waitForResource());
            for (String name : decision.enqueue()) {
                SchedulableJob job = byName.get(name);
                JobStatus was = status(before, job);
                switch (was.state()) {
                    case CREATED -> assertTrue(prerequisitesThrough(job, applied), name + " enqueued before its prerequisites");
                    case SCHEDULED -> assertFalse(was.dueAt().isAfter(now), name + " enqueued before its time");
                    case WAITING_FOR_RESOURCE -> assertNotNull(job.resourceGroup());
                    default -> fail(name + " enqueued from " + was.state());
                }
            }
            for (String name : decision.skip()) {
                SchedulableJob job = byName.get(name);
                assertEquals(JobState.CREATED, status(before, job).state());
                assertTrue(job.when() == When.NEVER || prerequisitesThrough(job, applied), name + " skipped before its prerequisites");
            }
            for (String name : decision.holdManual()) {
                assertEquals(When.MANUAL, byName.get(name).when());
            }
            for (DelayedStart start : decision.delay()) {
                SchedulableJob job = byName.get(start.job());
                assertEquals(now.plus(job.startIn()), start.dueAt());
            }
            for (String name : decision.waitForResource()) {
                SchedulableJob job = byName.get(name);
                assertTrue(jobs.stream().anyMatch(other -> other != job && job.resourceGroup().equals(other.resourceGroup())
                        && status(applied, other).state().holdsResource()), name + " waits for a free group");
            }
        }

        private void inDefinitionOrder(List<String> names) {
            for (int i = 1; i < names.size(); i++) {
                assertTrue(position.get(names.get(i - 1)) < position.get(names.get(i)), "out of definition order: " + names);
            }
        }

        void checkResourceGroups(Map<String, JobStatus> states) {
            Map<String, Long> holders = jobs.stream()
                    .filter(job -> job.resourceGroup() != null && status(states, job).state().holdsResource())
                    .collect(Collectors.groupingBy(SchedulableJob::resourceGroup, Collectors.counting()));
            holders.forEach((group, count) -> assertEquals(1L, count, "jobs holding " + group));
        }

        /**
         * Final states settle what every prerequisite ended with; only a non-blocking manual job may
         * have been passed over while waiting and finished later, which is why its script never
         * fails in a way that counts.
         */
        JobStatus expectedFinalState(SchedulableJob job, Map<String, JobStatus> states, Map<String, JobStatus> outcomes,
                                     boolean manualJobsPlayed) {
            if (job.when() == When.NEVER) {
                return JobStatus.of(JobState.SKIPPED);
            }
            if (!prerequisitesThrough(job, states)) {
                return JobStatus.of(JobState.CREATED);
            }
            boolean failed = prerequisiteFailed(job, states);
            boolean skipped = neededJobSkipped(job, states);
            boolean runs = switch (job.when()) {
                case ON_SUCCESS, MANUAL, DELAYED -> !failed && !skipped;
                case ON_FAILURE -> failed;
                case ALWAYS -> true;
                case NEVER -> false;
            };
            if (!runs) {
                return JobStatus.of(JobState.SKIPPED);
            }
            if (job.when() == When.MANUAL && !manualJobsPlayed) {
                return JobStatus.of(JobState.MANUAL);
            }
            return outcomes.get(job.name());
        }

        RunPhase expectedPhase(Map<String, JobStatus> states) {
            List<JobStatus> all = jobs.stream().map(job -> status(states, job)).toList();
            boolean waitingForPerson = jobs.stream().anyMatch(job -> {
                JobState state = status(states, job).state();
                return state == JobState.CREATED || (state == JobState.MANUAL && !job.allowFailure());
            });
            if (waitingForPerson) {
                return RunPhase.MANUAL;
            }
            if (all.stream().anyMatch(s -> s.state() == JobState.FAILED && !s.failureAllowed())) {
                return RunPhase.FAILED;
            }
            if (all.stream().anyMatch(s -> s.state() == JobState.CANCELED)) {
                return RunPhase.CANCELED;
            }
            return all.stream().allMatch(s -> s.state() == JobState.SKIPPED || s.state() == JobState.MANUAL)
                    ? RunPhase.SKIPPED : RunPhase.SUCCESS;
        }
    }
}
