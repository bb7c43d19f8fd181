package io.opsplane.pipeline.grpc;

import io.opsplane.pipeline.runs.RunLauncher;
import io.opsplane.pipeline.triggers.EventTriggers;
import io.opsplane.pipeline.triggers.Owner;
import io.opsplane.pipeline.triggers.Schedules;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.proto.pipeline.v1.CreateEventTriggerRequest;
import io.opsplane.proto.pipeline.v1.CreateScheduleRequest;
import io.opsplane.proto.pipeline.v1.DeleteTriggerResponse;
import io.opsplane.proto.pipeline.v1.EventTrigger;
import io.opsplane.proto.pipeline.v1.EventTriggerRequest;
import io.opsplane.proto.pipeline.v1.ListEventTriggersRequest;
import io.opsplane.proto.pipeline.v1.ListEventTriggersResponse;
import io.opsplane.proto.pipeline.v1.ListSchedulesRequest;
import io.opsplane.proto.pipeline.v1.ListSchedulesResponse;
import io.opsplane.proto.pipeline.v1.PipelineSchedule;
import io.opsplane.proto.pipeline.v1.Run;
import io.opsplane.proto.pipeline.v1.ScheduleRequest;
import io.opsplane.proto.pipeline.v1.UpdateEventTriggerRequest;
import io.opsplane.proto.pipeline.v1.UpdateScheduleRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The schedule and event-trigger calls of PipelineService. Whoever creates a schedule or trigger needs
 * pipelines:write and pipelines:run on the pipeline: its runs are started in the creator's name.
 */
@ApplicationScoped
class TriggerCalls {

    @Inject
    Schedules schedules;

    @Inject
    EventTriggers triggers;

    @Inject
    RunLauncher launcher;

    Uni<PipelineSchedule> createSchedule(CreateScheduleRequest request) {
        return Uni.createFrom().deferred(() -> {
            PipelineSchedule given = request.getSchedule();
            Owner owner = Owner.of(manager(given.getPipelineName()));
            return schedules.create(TriggerMessages.spec(given), owner);
        }).map(TriggerMessages::schedule).onFailure().transform(GrpcErrors::toStatus);
    }

    Uni<PipelineSchedule> updateSchedule(UpdateScheduleRequest request) {
        return Uni.createFrom().deferred(() -> {
            // The caller is known on this thread only: both checks are taken now and decided on the pipeline.
            Callers.Pending write = Callers.later("pipelines:write");
            Callers.Pending run = Callers.later("pipelines:run");
            PipelineSchedule given = request.getSchedule();
            UUID id = id(given.getId());
            return schedules.get(id).flatMap(found -> {
                CallerIdentity caller = write.require(pipeline(found.pipelineName()));
                run.require(pipeline(found.pipelineName()));
                return schedules.update(id, TriggerMessages.spec(given), caller.subject());
            });
        }).map(TriggerMessages::schedule).onFailure().transform(GrpcErrors::toStatus);
    }

    Uni<DeleteTriggerResponse> deleteSchedule(ScheduleRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending write = Callers.later("pipelines:write");
            UUID id = id(request.getId());
            return schedules.get(id).invoke(found -> write.require(pipeline(found.pipelineName())))
                    .flatMap(found -> schedules.delete(id));
        }).replaceWith(DeleteTriggerResponse.getDefaultInstance()).onFailure().transform(GrpcErrors::toStatus);
    }

    Uni<PipelineSchedule> getSchedule(ScheduleRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending read = Callers.later("pipelines:read");
            return schedules.get(id(request.getId())).invoke(found -> read.require(pipeline(found.pipelineName())));
        }).map(TriggerMessages::schedule).onFailure().transform(GrpcErrors::toStatus);
    }

    Uni<ListSchedulesResponse> listSchedules(ListSchedulesRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending read = Callers.later("pipelines:read");
            if (!request.getPipelineName().isEmpty()) {
                read.require(pipeline(request.getPipelineName()));
            }
            return schedules.list(request.getPipelineName()).map(found -> ListSchedulesResponse.newBuilder()
                    .addAllSchedules(found.stream().filter(view -> mayRead(read, view.pipelineName()))
                            .map(TriggerMessages::schedule).toList()).build());
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    Uni<Run> runScheduleNow(ScheduleRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending run = Callers.later("pipelines:run");
            UUID id = id(request.getId());
            return schedules.get(id).flatMap(found -> {
                String caller = run.require(pipeline(found.pipelineName())).subject();
                return schedules.runNow(id, caller).flatMap(launcher::trigger);
            });
        }).map(RunMessages::summary).onFailure().transform(GrpcErrors::toStatus);
    }

    Uni<EventTrigger> createEventTrigger(CreateEventTriggerRequest request) {
        return Uni.createFrom().deferred(() -> {
            EventTrigger given = request.getTrigger();
            Owner owner = Owner.of(manager(given.getPipelineName()));
            return triggers.create(TriggerMessages.spec(given), owner);
        }).map(TriggerMessages::trigger).onFailure().transform(GrpcErrors::toStatus);
    }

    Uni<EventTrigger> updateEventTrigger(UpdateEventTriggerRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending write = Callers.later("pipelines:write");
            Callers.Pending run = Callers.later("pipelines:run");
            EventTrigger given = request.getTrigger();
            UUID id = id(given.getId());
            return triggers.get(id).flatMap(found -> {
                CallerIdentity caller = write.require(pipeline(found.pipelineName()));
                run.require(pipeline(found.pipelineName()));
                return triggers.update(id, TriggerMessages.spec(given), caller.subject());
            });
        }).map(TriggerMessages::trigger).onFailure().transform(GrpcErrors::toStatus);
    }

    Uni<DeleteTriggerResponse> deleteEventTrigger(EventTriggerRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending write = Callers.later("pipelines:write");
            UUID id = id(request.getId());
            return triggers.get(id).invoke(found -> write.require(pipeline(found.pipelineName())))
                    .flatMap(found -> triggers.delete(id));
        }).replaceWith(DeleteTriggerResponse.getDefaultInstance()).onFailure().transform(GrpcErrors::toStatus);
    }

    Uni<EventTrigger> getEventTrigger(EventTriggerRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending read = Callers.later("pipelines:read");
            return triggers.get(id(request.getId())).invoke(found -> read.require(pipeline(found.pipelineName())));
        }).map(TriggerMessages::trigger).onFailure().transform(GrpcErrors::toStatus);
    }

    Uni<ListEventTriggersResponse> listEventTriggers(ListEventTriggersRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending read = Callers.later("pipelines:read");
            if (!request.getPipelineName().isEmpty()) {
                read.require(pipeline(request.getPipelineName()));
            }
            return triggers.list(request.getPipelineName()).map(found -> ListEventTriggersResponse.newBuilder()
                    .addAllTriggers(found.stream().filter(view -> mayRead(read, view.pipelineName()))
                            .map(TriggerMessages::trigger).toList()).build());
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    /** The caller, who must both manage and run the pipeline. */
    private static CallerIdentity manager(String pipelineName) {
        CallerIdentity caller = Callers.require("pipelines:write", pipeline(pipelineName));
        Callers.require("pipelines:run", pipeline(pipelineName));
        return caller;
    }

    private static boolean mayRead(Callers.Pending read, String pipelineName) {
        return read.caller().authority().decide(read.permission(), pipeline(pipelineName)).allowed();
    }

    private static ResourceRef pipeline(String name) {
        return ResourceRef.of("pipeline", name);
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("'" + text + "' is not an id (a UUID)");
        }
    }
}
