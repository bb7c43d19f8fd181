package io.opsplane.pipeline.triggers;

import io.opsplane.pipeline.domain.Pipeline;
import io.opsplane.pipeline.domain.PipelineSchedule;
import io.opsplane.pipeline.domain.TriggerFiring;
import io.opsplane.pipeline.runs.RunLauncher;
import io.opsplane.pipeline.runs.RunTrigger;
import io.opsplane.pipeline.triggers.cron.CronExpression;
import io.opsplane.pipeline.triggers.cron.InvalidCronException;
import io.opsplane.platform.errors.DomainException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creating, changing, reading and deleting schedules; when they are due is {@link TriggerClock}'s. */
@ApplicationScoped
public class Schedules {

    static final int MAX_PER_PIPELINE = 50;
    static final int RECENT_FIRINGS = 10;

    /** What a caller gives for a schedule. */
    public record Spec(String pipelineName, String description, String cron, String timezone, String ref,
            Map<String, String> variables, boolean active) {
    }

    /** A schedule as stored, with its pipeline's name and its latest firings. */
    public record View(PipelineSchedule schedule, String pipelineName, List<TriggerFiring> recentFirings) {
    }

    public Uni<View> create(Spec spec, Owner owner) {
        CronExpression cron = check(spec, owner.subject());
        return Panache.withTransaction(() -> Pipeline.requireByName(spec.pipelineName()).flatMap(pipeline ->
                PipelineSchedule.count("pipelineId", pipeline.id).flatMap(count -> {
                    if (count >= MAX_PER_PIPELINE) {
                        throw DomainException.failedPrecondition("pipeline '" + pipeline.name + "' has "
                                + MAX_PER_PIPELINE + " schedules already");
                    }
                    Instant now = Instant.now();
                    PipelineSchedule schedule = new PipelineSchedule();
                    schedule.id = UUID.randomUUID();
                    schedule.pipelineId = pipeline.id;
                    schedule.owner = owner.subject();
                    schedule.ownerTokenId = owner.tokenId();
                    schedule.ownerGroups = owner.groupsText();
                    schedule.createdAt = now;
                    apply(schedule, spec, cron, now);
                    return schedule.persist().map(ignored -> new View(schedule, pipeline.name, List.of()));
                })));
    }

    /** Replaces what {@code spec} holds; the pipeline of a schedule does not change. */
    public Uni<View> update(UUID id, Spec given, String by) {
        return Panache.withTransaction(() -> find(id).flatMap(view -> {
            if (!view.pipelineName().equals(given.pipelineName()) && !given.pipelineName().isEmpty()) {
                throw DomainException.invalid("the pipeline of a schedule cannot change (it is '"
                        + view.pipelineName() + "')");
            }
            Spec spec = new Spec(view.pipelineName(), given.description(), given.cron(), given.timezone(),
                    given.ref(), given.variables(), given.active());
            apply(view.schedule(), spec, check(spec, by), Instant.now());
            return Uni.createFrom().item(view);
        }));
    }

    public Uni<Void> delete(UUID id) {
        return Panache.withTransaction(() -> find(id).flatMap(view -> view.schedule().delete()));
    }

    public Uni<View> get(UUID id) {
        return Panache.withSession(() -> find(id));
    }

    /** The schedules of one pipeline, or of every pipeline when the name is empty. */
    public Uni<List<View>> list(String pipelineName) {
        return Panache.withSession(() -> {
            Uni<List<PipelineSchedule>> found = pipelineName.isEmpty()
                    ? PipelineSchedule.find("order by createdAt").list()
                    : Pipeline.requireByName(pipelineName).flatMap(pipeline -> PipelineSchedule
                            .find("pipelineId = ?1 order by createdAt", pipeline.id).list());
            return found.flatMap(schedules -> Pipeline.<Pipeline>listAll().map(pipelines -> schedules.stream()
                    .map(schedule -> new View(schedule, pipelines.stream().filter(p -> p.id.equals(
                            schedule.pipelineId)).map(p -> p.name).findFirst().orElse(""), List.of()))
                    .toList()));
        });
    }

    /** The trigger of a run of this schedule started by hand now, as {@code by}. */
    public Uni<RunTrigger> runNow(UUID id, String by) {
        return get(id).map(view -> new RunTrigger(view.pipelineName(), 0, "schedule", view.schedule().ref,
                "", TriggerJson.variables(view.schedule().variables), by, null));
    }

    private static CronExpression check(Spec spec, String owner) {
        CronExpression cron;
        try {
            cron = CronExpression.parse(spec.cron(), spec.timezone());
        } catch (InvalidCronException e) {
            throw DomainException.invalid(e.getMessage());
        }
        if (spec.description().length() > 255) {
            throw DomainException.invalid("a description has at most 255 characters");
        }
        RunLauncher.validate(new RunTrigger(spec.pipelineName(), 0, "schedule", ref(spec.ref()), "",
                spec.variables(), owner, null));
        return cron;
    }

    private static void apply(PipelineSchedule schedule, Spec spec, CronExpression cron, Instant now) {
        schedule.description = spec.description();
        schedule.cron = cron.text();
        schedule.timezone = cron.zone().getId();
        schedule.ref = ref(spec.ref());
        schedule.variables = TriggerJson.variables(spec.variables());
        schedule.active = spec.active();
        schedule.nextRunAt = spec.active() ? cron.nextAfter(now).orElse(null) : null;
        schedule.updatedAt = now;
    }

    public static Map<String, String> variablesOf(PipelineSchedule schedule) {
        return TriggerJson.variables(schedule.variables);
    }

    static String ref(String ref) {
        return ref == null || ref.isBlank() ? "main" : ref;
    }


    private static Uni<View> find(UUID id) {
        return PipelineSchedule.<PipelineSchedule>findById(id).flatMap(schedule -> {
            if (schedule == null) {
                throw DomainException.notFound("no schedule " + id);
            }
            return Pipeline.<Pipeline>findById(schedule.pipelineId).flatMap(pipeline -> TriggerFiring
                    .<TriggerFiring>find("originId = ?1 order by createdAt desc", id).page(0, RECENT_FIRINGS).list()
                    .map(firings -> new View(schedule, pipeline.name, firings)));
        });
    }
}
