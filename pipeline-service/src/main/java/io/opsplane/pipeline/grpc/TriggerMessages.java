package io.opsplane.pipeline.grpc;

import io.opsplane.pipeline.domain.TriggerFiring;
import io.opsplane.pipeline.triggers.EventTriggers;
import io.opsplane.pipeline.triggers.Schedules;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.pipeline.v1.EventTrigger;
import io.opsplane.proto.pipeline.v1.PipelineSchedule;

/** Schedules, event triggers and firings between their stored form and their messages. */
final class TriggerMessages {

    private TriggerMessages() {
    }

    static Schedules.Spec spec(PipelineSchedule given) {
        return new Schedules.Spec(given.getPipelineName(), given.getDescription(), given.getCron(),
                given.getTimezone(), given.getRef(), given.getVariablesMap(), given.getActive());
    }

    static EventTriggers.Spec spec(EventTrigger given) {
        return new EventTriggers.Spec(given.getPipelineName(), given.getDescription(), given.getEventType(),
                given.getFiltersList(), given.getRef(), given.getVariablesMap(), given.getActive());
    }

    static PipelineSchedule schedule(Schedules.View view) {
        io.opsplane.pipeline.domain.PipelineSchedule stored = view.schedule();
        PipelineSchedule.Builder schedule = PipelineSchedule.newBuilder().setId(stored.id.toString())
                .setPipelineName(view.pipelineName()).setDescription(stored.description).setCron(stored.cron)
                .setTimezone(stored.timezone).setRef(stored.ref).putAllVariables(Schedules.variablesOf(stored))
                .setActive(stored.active).setOwner(stored.owner).setCreatedAt(Timestamps.of(stored.createdAt))
                .setUpdatedAt(Timestamps.of(stored.updatedAt));
        if (stored.nextRunAt != null) {
            schedule.setNextRunAt(Timestamps.of(stored.nextRunAt));
        }
        view.recentFirings().forEach(firing -> schedule.addRecentFirings(firing(firing)));
        return schedule.build();
    }

    static EventTrigger trigger(EventTriggers.View view) {
        io.opsplane.pipeline.domain.EventTrigger stored = view.trigger();
        EventTrigger.Builder trigger = EventTrigger.newBuilder().setId(stored.id.toString())
                .setPipelineName(view.pipelineName()).setDescription(stored.description)
                .setEventType(stored.eventType).addAllFilters(EventTriggers.filtersOf(stored)).setRef(stored.ref)
                .putAllVariables(EventTriggers.variablesOf(stored)).setActive(stored.active).setOwner(stored.owner)
                .setCreatedAt(Timestamps.of(stored.createdAt)).setUpdatedAt(Timestamps.of(stored.updatedAt));
        view.recentFirings().forEach(firing -> trigger.addRecentFirings(firing(firing)));
        return trigger.build();
    }

    private static io.opsplane.proto.pipeline.v1.TriggerFiring firing(TriggerFiring stored) {
        io.opsplane.proto.pipeline.v1.TriggerFiring.Builder firing = io.opsplane.proto.pipeline.v1.TriggerFiring
                .newBuilder().setRunId(stored.runId.toString()).setOccasion(stored.occasion).setState(stored.state)
                .setError(stored.error == null ? "" : stored.error).setAttempts(stored.attempts)
                .setCreatedAt(Timestamps.of(stored.createdAt));
        if (stored.finishedAt != null) {
            firing.setFinishedAt(Timestamps.of(stored.finishedAt));
        }
        return firing.build();
    }
}
