package io.opsplane.pipeline.triggers;

import io.opsplane.pipeline.domain.EventTrigger;
import io.opsplane.pipeline.domain.Pipeline;
import io.opsplane.pipeline.domain.TriggerFiring;
import io.opsplane.pipeline.runs.RunLauncher;
import io.opsplane.pipeline.runs.RunTrigger;
import io.opsplane.pipeline.triggers.events.EventConditions;
import io.opsplane.pipeline.triggers.events.EventFilter;
import io.opsplane.pipeline.triggers.events.InvalidTriggerException;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.events.EventCatalog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creating, changing, reading and deleting event triggers; what they start is {@link EventTriggerConsumer}'s. */
@ApplicationScoped
public class EventTriggers {

    static final int MAX_PER_PIPELINE = 50;

    /** What a caller gives for an event trigger. */
    public record Spec(String pipelineName, String description, String eventType,
            List<io.opsplane.proto.pipeline.v1.EventFilter> filters, String ref, Map<String, String> variables,
            boolean active) {
    }

    public record View(EventTrigger trigger, String pipelineName, List<TriggerFiring> recentFirings) {
    }

    public Uni<View> create(Spec spec, Owner owner) {
        check(spec, owner.subject());
        return Panache.withTransaction(() -> Pipeline.requireByName(spec.pipelineName()).flatMap(pipeline ->
                EventTrigger.count("pipelineId", pipeline.id).flatMap(count -> {
                    if (count >= MAX_PER_PIPELINE) {
                        throw DomainException.failedPrecondition("pipeline '" + pipeline.name + "' has "
                                + MAX_PER_PIPELINE + " event triggers already");
                    }
                    Instant now = Instant.now();
                    EventTrigger trigger = new EventTrigger();
                    trigger.id = UUID.randomUUID();
                    trigger.pipelineId = pipeline.id;
                    trigger.owner = owner.subject();
                    trigger.ownerTokenId = owner.tokenId();
                    trigger.ownerGroups = owner.groupsText();
                    trigger.createdAt = now;
                    apply(trigger, spec, now);
                    return trigger.persist().map(ignored -> new View(trigger, pipeline.name, List.of()));
                })));
    }

    public Uni<View> update(UUID id, Spec given, String by) {
        return Panache.withTransaction(() -> find(id).flatMap(view -> {
            if (!view.pipelineName().equals(given.pipelineName()) && !given.pipelineName().isEmpty()) {
                throw DomainException.invalid("the pipeline of an event trigger cannot change (it is '"
                        + view.pipelineName() + "')");
            }
            Spec spec = new Spec(view.pipelineName(), given.description(), given.eventType(), given.filters(),
                    given.ref(), given.variables(), given.active());
            check(spec, by);
            apply(view.trigger(), spec, Instant.now());
            return Uni.createFrom().item(view);
        }));
    }

    public Uni<Void> delete(UUID id) {
        return Panache.withTransaction(() -> find(id).flatMap(view -> view.trigger().delete()));
    }

    public Uni<View> get(UUID id) {
        return Panache.withSession(() -> find(id));
    }

    public Uni<List<View>> list(String pipelineName) {
        return Panache.withSession(() -> {
            Uni<List<EventTrigger>> found = pipelineName.isEmpty()
                    ? EventTrigger.find("order by createdAt").list()
                    : Pipeline.requireByName(pipelineName).flatMap(pipeline -> EventTrigger
                            .find("pipelineId = ?1 order by createdAt", pipeline.id).list());
            return found.flatMap(triggers -> Pipeline.<Pipeline>listAll().map(pipelines -> triggers.stream()
                    .map(trigger -> new View(trigger, pipelines.stream().filter(p -> p.id.equals(trigger.pipelineId))
                            .map(p -> p.name).findFirst().orElse(""), List.of()))
                    .toList()));
        });
    }

    public static Map<String, String> variablesOf(EventTrigger trigger) {
        return TriggerJson.variables(trigger.variables);
    }

    public static List<io.opsplane.proto.pipeline.v1.EventFilter> filtersOf(EventTrigger trigger) {
        return TriggerJson.filters(trigger.filters);
    }

    /** The filters of a stored trigger, as the engine reads them. */
    static EventConditions conditions(EventTrigger trigger) {
        return EventConditions.compile(engineFilters(TriggerJson.filters(trigger.filters)));
    }

    private static void check(Spec spec, String owner) {
        if (!EventCatalog.instance().isKnown(spec.eventType())) {
            throw DomainException.invalid("'" + spec.eventType() + "' is not an event type: use a CloudEvents type "
                    + "of docs/asyncapi.yaml, such as opsplane.events.v1.PipelineCompleted");
        }
        try {
            EventConditions.compile(engineFilters(spec.filters()));
        } catch (InvalidTriggerException e) {
            throw DomainException.invalid(e.getMessage());
        }
        if (spec.description().length() > 255) {
            throw DomainException.invalid("a description has at most 255 characters");
        }
        RunLauncher.validate(new RunTrigger(spec.pipelineName(), 0, "event", Schedules.ref(spec.ref()), "",
                spec.variables(), owner, null));
    }

    private static List<EventFilter> engineFilters(List<io.opsplane.proto.pipeline.v1.EventFilter> filters) {
        return filters.stream().map(f -> new EventFilter(f.getField(), f.getOperator(), f.getValue())).toList();
    }

    private static void apply(EventTrigger trigger, Spec spec, Instant now) {
        trigger.description = spec.description();
        trigger.eventType = spec.eventType();
        trigger.filters = TriggerJson.filters(spec.filters());
        trigger.ref = Schedules.ref(spec.ref());
        trigger.variables = TriggerJson.variables(spec.variables());
        trigger.active = spec.active();
        trigger.updatedAt = now;
    }


    private static Uni<View> find(UUID id) {
        return EventTrigger.<EventTrigger>findById(id).flatMap(trigger -> {
            if (trigger == null) {
                throw DomainException.notFound("no event trigger " + id);
            }
            return Pipeline.<Pipeline>findById(trigger.pipelineId).flatMap(pipeline -> TriggerFiring
                    .<TriggerFiring>find("originId = ?1 order by createdAt desc", id)
                    .page(0, Schedules.RECENT_FIRINGS).list()
                    .map(firings -> new View(trigger, pipeline.name, firings)));
        });
    }
}
