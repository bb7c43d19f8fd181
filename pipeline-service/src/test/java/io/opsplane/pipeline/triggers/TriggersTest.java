package io.opsplane.pipeline.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.proto.pipeline.v1.CreateEventTriggerRequest;
import io.opsplane.proto.pipeline.v1.CreateScheduleRequest;
import io.opsplane.proto.pipeline.v1.EventFilter;
import io.opsplane.proto.pipeline.v1.EventTrigger;
import io.opsplane.proto.pipeline.v1.EventTriggerRequest;
import io.opsplane.proto.pipeline.v1.ListRunsRequest;
import io.opsplane.proto.pipeline.v1.ListSchedulesRequest;
import io.opsplane.proto.pipeline.v1.PipelineSchedule;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.RegisterPipelineRequest;
import io.opsplane.proto.pipeline.v1.Run;
import io.opsplane.proto.pipeline.v1.ScheduleRequest;
import io.opsplane.proto.pipeline.v1.TriggerRunRequest;
import io.opsplane.proto.pipeline.v1.UpdateScheduleRequest;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules and event triggers against the real database and Kafka: a due schedule starts one run even with two
 * clocks ticking at once, missed firings collapse into one, a firing carried out twice starts one run, an event
 * starts the pipelines whose filters it passes, and a trigger loop stops.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "pipeline"))
class TriggersTest {

    private static final String DEFINITION = """
            build:
              script: [make]
            """;

    @GrpcClient("self")
    PipelineServiceGrpc.PipelineServiceBlockingStub unauthenticated;

    @Inject
    TriggerClock clock;

    @Inject
    Pool pool;

    PipelineServiceGrpc.PipelineServiceBlockingStub developer;
    PipelineServiceGrpc.PipelineServiceBlockingStub viewer;

    @BeforeEach
    void setUp() {
        developer = TestPrincipals.as(TestPrincipals.user("test-developer", "developer", "global"), unauthenticated);
        viewer = TestPrincipals.as(TestPrincipals.user("test-viewer", "viewer", "global"), unauthenticated);
    }

    private String pipeline() {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        developer.registerPipeline(RegisterPipelineRequest.newBuilder().setName(name).setDefinition(DEFINITION).build());
        return name;
    }

    private PipelineSchedule schedule(String pipeline, String cron, String zone) {
        return developer.createSchedule(CreateScheduleRequest.newBuilder().setSchedule(PipelineSchedule.newBuilder()
                .setPipelineName(pipeline).setCron(cron).setTimezone(zone).setRef("main")
                .putVariables("NIGHTLY", "1").setActive(true)).build());
    }

    private List<Run> runs(String pipeline) {
        return developer.listRuns(ListRunsRequest.newBuilder().setPipelineName(pipeline).build()).getRunsList();
    }

    private void dueAt(String scheduleId, Instant at) {
        pool.preparedQuery("UPDATE pipeline_schedule SET next_run_at = $1 WHERE id = $2")
                .execute(Tuple.of(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), UUID.fromString(scheduleId)))
                .await().atMost(Duration.ofSeconds(10));
    }

    private List<Row> firings(String originId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT * FROM trigger_firing WHERE origin_id = $1 ORDER BY created_at")
                .execute(Tuple.of(UUID.fromString(originId))).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }

    @Test
    void aDueScheduleStartsOneRunEvenWithTwoClocksTickingAtOnce() throws Throwable {
        String name = pipeline();
        PipelineSchedule created = schedule(name, "0 3 * * *", "Europe/Berlin");
        assertTrue(created.hasNextRunAt());
        assertEquals("test-developer", created.getOwner());
        Instant now = Instant.now();
        dueAt(created.getId(), now.minusSeconds(5));

        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> tick = () -> {
                try {
                    return clock.tickOnce(now);
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            };
            List<Future<Integer>> ticks = two.invokeAll(List.of(tick, tick));
            int started = 0;
            for (Future<Integer> ticked : ticks) {
                started += ticked.get();
            }
            assertEquals(1, started);
        } finally {
            two.shutdownNow();
        }
        clock.tickOnce(now);
        List<Run> runs = runs(name);
        assertEquals(1, runs.size());
        assertEquals("schedule", runs.get(0).getTrigger());
        assertEquals("test-developer", runs.get(0).getTriggeredBy());

        PipelineSchedule after = developer.getSchedule(ScheduleRequest.newBuilder().setId(created.getId()).build());
        Instant next = Instant.ofEpochSecond(after.getNextRunAt().getSeconds());
        assertTrue(next.isAfter(now), "next due " + next);
        assertEquals(1, after.getRecentFiringsCount());
        assertEquals("started", after.getRecentFirings(0).getState());
        assertEquals(runs.get(0).getId(), after.getRecentFirings(0).getRunId());
    }

    @Test
    void aScheduleThatMissedSeveralTimesFiresOnceThenKeepsToItsCron() throws Throwable {
        String name = pipeline();
        PipelineSchedule created = schedule(name, "@hourly", "UTC");
        // The second tick, 30 s later, must fall before the next full hour, or that hour rightly fires again.
        Instant now = Instant.now();
        Instant nextHour = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
        if (Duration.between(now, nextHour).compareTo(Duration.ofSeconds(60)) < 0) {
            now = nextHour.plusSeconds(5);
        }
        dueAt(created.getId(), now.minus(Duration.ofHours(5)));
        assertEquals(1, clock.tickOnce(now));
        assertEquals(0, clock.tickOnce(now.plusSeconds(30)));
        assertEquals(1, runs(name).size());
        PipelineSchedule after = developer.getSchedule(ScheduleRequest.newBuilder().setId(created.getId()).build());
        Instant next = Instant.ofEpochSecond(after.getNextRunAt().getSeconds());
        assertTrue(next.isAfter(now) && !next.isAfter(now.plus(Duration.ofHours(1))), "next due " + next);
    }

    @Test
    void aFiringWhoseRunWasStartedBeforeACrashIsNotStartedAgain() throws Throwable {
        String name = pipeline();
        PipelineSchedule created = schedule(name, "@daily", "UTC");
        Instant now = Instant.now();
        dueAt(created.getId(), now.minusSeconds(1));
        clock.tickOnce(now);
        String runId = firings(created.getId()).get(0).getUUID("run_id").toString();
        // As if the instance that started it died before noting so: pending again, due for another try.
        pool.preparedQuery("UPDATE trigger_firing SET state = 'pending', next_try_at = $1 WHERE run_id = $2")
                .execute(Tuple.of(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), UUID.fromString(runId)))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(0, clock.tickOnce(now.plusSeconds(1)));
        assertEquals(1, runs(name).size());
        assertEquals("started", firings(created.getId()).get(0).getString("state"));
    }

    @Test
    void anInactiveScheduleDoesNotFireAndAnUpdateRecomputesItsNextRun() throws Throwable {
        String name = pipeline();
        PipelineSchedule created = schedule(name, "@daily", "UTC");
        PipelineSchedule paused = developer.updateSchedule(UpdateScheduleRequest.newBuilder().setSchedule(
                created.toBuilder().setActive(false)).build());
        assertTrue(!paused.hasNextRunAt());
        assertEquals(0, clock.tickOnce(Instant.now().plus(Duration.ofDays(2))));
        PipelineSchedule resumed = developer.updateSchedule(UpdateScheduleRequest.newBuilder().setSchedule(
                created.toBuilder().setCron("30 6 * * MON-FRI").setTimezone("America/New_York")).build());
        assertEquals("America/New_York", resumed.getTimezone());
        assertTrue(resumed.hasNextRunAt());
        assertEquals(1, developer.listSchedules(ListSchedulesRequest.newBuilder().setPipelineName(name).build())
                .getSchedulesCount());
        developer.deleteSchedule(ScheduleRequest.newBuilder().setId(created.getId()).build());
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, () -> developer.getSchedule(
                ScheduleRequest.newBuilder().setId(created.getId()).build())).getStatus().getCode());
    }

    @Test
    void badSchedulesAndCallersWithoutPermissionAreRefused() {
        String name = pipeline();
        StatusRuntimeException badField = assertThrows(StatusRuntimeException.class,
                () -> schedule(name, "0 25 * * *", "UTC"));
        assertEquals(Status.Code.INVALID_ARGUMENT, badField.getStatus().getCode());
        assertTrue(badField.getStatus().getDescription().contains("hour field '25'"),
                badField.getStatus().getDescription());
        StatusRuntimeException badZone = assertThrows(StatusRuntimeException.class,
                () -> schedule(name, "0 3 * * *", "Europe/Atlantis"));
        assertTrue(badZone.getStatus().getDescription().contains("is not a time zone"));
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class,
                () -> schedule("no-such-pipeline", "0 3 * * *", "UTC")).getStatus().getCode());
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, () -> viewer.createSchedule(
                CreateScheduleRequest.newBuilder().setSchedule(PipelineSchedule.newBuilder().setPipelineName(name)
                        .setCron("@daily")).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT, assertThrows(StatusRuntimeException.class, () -> developer
                .getSchedule(ScheduleRequest.newBuilder().setId("not-a-uuid").build())).getStatus().getCode());
        StatusRuntimeException unknownType = assertThrows(StatusRuntimeException.class, () -> developer
                .createEventTrigger(CreateEventTriggerRequest.newBuilder().setTrigger(EventTrigger.newBuilder()
                        .setPipelineName(name).setEventType("opsplane.events.v1.NoSuchEvent")).build()));
        assertTrue(unknownType.getStatus().getDescription().contains("is not an event type"));
        StatusRuntimeException badFilter = assertThrows(StatusRuntimeException.class, () -> developer
                .createEventTrigger(CreateEventTriggerRequest.newBuilder().setTrigger(EventTrigger.newBuilder()
                        .setPipelineName(name).setEventType("opsplane.events.v1.PipelineCompleted")
                        .addFilters(EventFilter.newBuilder().setField("data.pipelineName").setOperator("like")))
                        .build()));
        assertTrue(badFilter.getStatus().getDescription().contains("filter 1: the operator 'like'"));
    }

    @Test
    void anEventStartsThePipelinesWhoseFiltersItPasses() throws Throwable {
        String upstream = pipeline();
        String downstream = pipeline();
        String unrelated = pipeline();
        EventTrigger onUpstream = developer.createEventTrigger(CreateEventTriggerRequest.newBuilder().setTrigger(
                EventTrigger.newBuilder().setPipelineName(downstream).setEventType("opsplane.events.v1.PipelineStarted")
                        .addFilters(EventFilter.newBuilder().setField("data.pipelineName").setValue(upstream))
                        .putVariables("FROM_EVENT", "yes").setActive(true)).build());
        developer.createEventTrigger(CreateEventTriggerRequest.newBuilder().setTrigger(EventTrigger.newBuilder()
                .setPipelineName(unrelated).setEventType("opsplane.events.v1.PipelineStarted")
                .addFilters(EventFilter.newBuilder().setField("data.pipelineName").setValue("someone-else"))
                .setActive(true)).build());

        Run started = developer.triggerRun(TriggerRunRequest.newBuilder().setPipelineName(upstream).build());
        List<Run> downstreamRuns = waitForRuns(downstream, 1);
        assertEquals("event", downstreamRuns.get(0).getTrigger());
        assertEquals("test-developer", downstreamRuns.get(0).getTriggeredBy());
        assertEquals(0, runs(unrelated).size());

        Row firing = firings(onUpstream.getId()).get(0);
        assertEquals("started", firing.getString("state"));
        String variables = firing.getString("variables");
        assertTrue(variables.contains("\"FROM_EVENT\":\"yes\""), variables);
        assertTrue(variables.contains("\"OPSPLANE_EVENT_TYPE\":\"opsplane.events.v1.PipelineStarted\""), variables);
        assertTrue(variables.contains(started.getId()), variables);
    }

    @Test
    void aPipelineThatTriggersItselfStopsAfterTheDepthLimit() throws Throwable {
        String name = pipeline();
        EventTrigger loop = developer.createEventTrigger(CreateEventTriggerRequest.newBuilder().setTrigger(
                EventTrigger.newBuilder().setPipelineName(name).setEventType("opsplane.events.v1.PipelineStarted")
                        .addFilters(EventFilter.newBuilder().setField("data.pipelineName").setValue(name))
                        .setActive(true)).build());
        developer.triggerRun(TriggerRunRequest.newBuilder().setPipelineName(name).build());
        waitForRuns(name, 1 + TriggerClock.MAX_EVENT_DEPTH);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Row> firings = firings(loop.getId());
        while (firings.stream().noneMatch(row -> "failed".equals(row.getString("state")))
                && System.nanoTime() < deadline) {
            clock.tickOnce(Instant.now());
            Thread.sleep(100);
            firings = firings(loop.getId());
        }
        Row refused = firings.stream().filter(row -> "failed".equals(row.getString("state"))).findFirst()
                .orElseThrow(() -> new AssertionError("no firing was refused"));
        assertTrue(refused.getString("error").contains("trigger loop"), refused.getString("error"));
        Thread.sleep(500);
        clock.tickOnce(Instant.now());
        assertEquals(1 + TriggerClock.MAX_EVENT_DEPTH, runs(name).size());
        developer.deleteEventTrigger(EventTriggerRequest.newBuilder().setId(loop.getId()).build());
    }

    private List<Run> waitForRuns(String pipeline, int count) throws Throwable {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Run> found = runs(pipeline);
        while (found.size() < count && System.nanoTime() < deadline) {
            clock.tickOnce(Instant.now());
            Thread.sleep(100);
            found = runs(pipeline);
        }
        assertEquals(count, found.size(), "runs of " + pipeline);
        return found;
    }
}
