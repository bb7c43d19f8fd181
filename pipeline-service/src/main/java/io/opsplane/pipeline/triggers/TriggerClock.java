package io.opsplane.pipeline.triggers;

import io.opsplane.pipeline.domain.Pipeline;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.PipelineSchedule;
import io.opsplane.pipeline.domain.TriggerFiring;
import io.opsplane.pipeline.runs.RunLauncher;
import io.opsplane.pipeline.runs.RunTrigger;
import io.opsplane.pipeline.triggers.cron.CronExpression;
import io.opsplane.platform.errors.DomainException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.opsplane.platform.timing.Ticker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns due schedules into firings and firings into runs, on every instance at once without doing anything twice.
 * <p>
 * A due schedule is claimed with {@code FOR UPDATE SKIP LOCKED}; in the same transaction its firing is written
 * (unique per schedule and due instant) and its next due time moved past now, so a schedule that missed several
 * times while the service was down fires once, then keeps to its cron. A firing's run id is chosen when it is
 * written; starting it claims the firing for {@value #CLAIM_SECONDS} seconds, and a run that already exists with
 * that id means it was started (by an instance that died before noting it), so a firing starts at most one run.
 * A firing that cannot start (the pipeline is gone, its ref cannot be read) is tried {@value #MAX_ATTEMPTS} times
 * with growing pauses, then fails with the reason. Before its run starts, the owner's credential is checked
 * again ({@link OwnerCheck}): a firing whose owner may no longer run the pipeline fails at once, naming why.
 */
@ApplicationScoped
public class TriggerClock {

    private static final Logger LOG = Logger.getLogger(TriggerClock.class);
    static final int MAX_ATTEMPTS = 5;
    static final int CLAIM_SECONDS = 60;
    /** Runs started by events, in a row, beyond which a firing is refused as a trigger loop. */
    public static final int MAX_EVENT_DEPTH = 4;
    private static final int BATCH = 20;

    @Inject
    RunLauncher launcher;

    @Inject
    OwnerCheck owners;

    @ConfigProperty(name = "opsplane.pipeline.triggers.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "opsplane.pipeline.triggers.tick", defaultValue = "1s")
    Duration tick;

    private Ticker ticker;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        ticker = Ticker.start("trigger-clock", tick, () -> tickOnce(Instant.now()),
                e -> LOG.warnf("the trigger clock failed a tick, trying again: %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.stop();
        }
    }

    /** Fires the schedules due at {@code now} and starts the pending firings; returns the runs started. */
    public int tickOnce(Instant now) throws Throwable {
        while (VertxContextSupport.subscribeAndAwait(() -> fireDueSchedules(now)) == BATCH) {
            // More were due than one batch holds.
        }
        int started = 0;
        for (int i = 0; i < 1000; i++) {
            TriggerFiring firing = VertxContextSupport.subscribeAndAwait(() -> claimFiring(now));
            if (firing == null) {
                break;
            }
            if (VertxContextSupport.subscribeAndAwait(() -> start(firing, now))) {
                started++;
            }
        }
        return started;
    }

    private Uni<Integer> fireDueSchedules(Instant now) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT * FROM pipeline_schedule WHERE active AND next_run_at <= :now ORDER BY next_run_at LIMIT "
                        + BATCH + " FOR UPDATE SKIP LOCKED", PipelineSchedule.class)
                .setParameter("now", utc(now)).getResultList()).flatMap(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (PipelineSchedule schedule : due) {
                        chain = chain.flatMap(ignored -> fire(schedule, now));
                    }
                    return chain.replaceWith(due.size());
                }));
    }

    private Uni<Void> fire(PipelineSchedule schedule, Instant now) {
        String occasion = schedule.nextRunAt.toString();
        try {
            schedule.nextRunAt = CronExpression.parse(schedule.cron, schedule.timezone).nextAfter(now).orElse(null);
        } catch (IllegalArgumentException e) {
            // A time zone the JDK no longer knows: the schedule stops rather than firing every tick.
            LOG.warnf("schedule %s stops: %s", schedule.id, e.getMessage());
            schedule.active = false;
            schedule.nextRunAt = null;
        }
        return Pipeline.<Pipeline>findById(schedule.pipelineId).flatMap(pipeline -> record("schedule", schedule.id,
                occasion, pipeline.name, schedule.ref, schedule.variables,
                new By(schedule.owner, schedule.ownerTokenId, schedule.ownerGroups), 0, now));
    }

    /** Who a firing's run is started for: the owner, and the credential as stored (see {@link Owner}). */
    record By(String subject, String tokenId, String groups) {
    }

    /** Writes a firing unless this origin already fired for this occasion. */
    static Uni<Void> record(String kind, UUID originId, String occasion, String pipelineName, String ref,
            String variables, By by, int depth, Instant now) {
        UUID runId = UUID.nameUUIDFromBytes((kind + "\n" + originId + "\n" + occasion)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO trigger_firing (run_id, kind, origin_id, occasion, pipeline_name, ref, variables, "
                        + "triggered_by, owner_token_id, owner_groups, depth, state, attempts, created_at, next_try_at) "
                        + "VALUES (:run, :kind, :origin, :occasion, :pipeline, :ref, :variables, :by, :token, :groups, "
                        + ":depth, 'pending', 0, :now, :now) ON CONFLICT DO NOTHING")
                .setParameter("run", runId).setParameter("kind", kind).setParameter("origin", originId)
                .setParameter("occasion", occasion).setParameter("pipeline", pipelineName).setParameter("ref", ref)
                .setParameter("variables", variables).setParameter("by", by.subject()).setParameter("token", by.tokenId())
                .setParameter("groups", by.groups()).setParameter("depth", depth)
                .setParameter("now", utc(now)).executeUpdate()).replaceWithVoid();
    }

    private Uni<TriggerFiring> claimFiring(Instant now) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT * FROM trigger_firing WHERE state = 'pending' AND next_try_at <= :now ORDER BY next_try_at "
                        + "LIMIT 1 FOR UPDATE SKIP LOCKED", TriggerFiring.class)
                .setParameter("now", utc(now)).getResultList()).map(found -> {
                    if (found.isEmpty()) {
                        return null;
                    }
                    TriggerFiring firing = found.get(0);
                    firing.attempts++;
                    firing.nextTryAt = now.plusSeconds(CLAIM_SECONDS);
                    return firing;
                }));
    }

    /** Starts the firing's run; true when this call started it. */
    private Uni<Boolean> start(TriggerFiring firing, Instant now) {
        if (firing.depth > MAX_EVENT_DEPTH) {
            return finish(firing.runId, TriggerFiring.FAILED, "a trigger loop: this would be run " + firing.depth
                    + " in a row started by events (at most " + MAX_EVENT_DEPTH + ")").replaceWith(false);
        }
        RunTrigger trigger = new RunTrigger(firing.pipelineName, 0, firing.kind, firing.ref, "",
                TriggerJson.variables(firing.variables), firing.triggeredBy, null);
        return Panache.withSession(() -> PipelineRun.<PipelineRun>findById(firing.runId)).flatMap(existing -> {
            if (existing != null) {
                return finish(firing.runId, TriggerFiring.STARTED, null).replaceWith(false);
            }
            return owners.refusal(firing).flatMap(refusal -> refusal.isPresent()
                    ? finish(firing.runId, TriggerFiring.FAILED, refusal.get()).replaceWith(false)
                    : launcher.trigger(trigger, firing.runId, firing.depth)
                            .flatMap(run -> finish(firing.runId, TriggerFiring.STARTED, null).replaceWith(true)))
                    .onFailure().recoverWithUni(failure -> failed(firing, failure, now).replaceWith(false));
        });
    }

    private Uni<Void> failed(TriggerFiring firing, Throwable failure, Instant now) {
        String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        boolean givesUp = firing.attempts >= MAX_ATTEMPTS || failure instanceof DomainException domain
                && domain.kind() == DomainException.Kind.INVALID_ARGUMENT;
        if (givesUp) {
            LOG.warnf("%s %s: no run for %s: %s", firing.kind, firing.originId, firing.occasion, reason);
            return finish(firing.runId, TriggerFiring.FAILED, reason);
        }
        Instant retryAt = now.plusSeconds(1L << Math.min(firing.attempts + 1, 8));
        return Panache.withTransaction(() -> TriggerFiring.<TriggerFiring>findById(firing.runId).invoke(stored -> {
            stored.error = reason;
            stored.nextTryAt = retryAt;
        })).replaceWithVoid();
    }

    private static Uni<Void> finish(UUID runId, String state, String error) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> TriggerFiring.<TriggerFiring>findById(runId).invoke(stored -> {
            stored.state = state;
            stored.error = error;
            stored.finishedAt = now;
        })).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
