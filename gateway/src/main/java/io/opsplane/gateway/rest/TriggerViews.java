package io.opsplane.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.google.protobuf.Timestamp;
import io.opsplane.proto.pipeline.v1.EventFilter;
import io.opsplane.proto.pipeline.v1.EventTrigger;
import io.opsplane.proto.pipeline.v1.PipelineSchedule;
import io.opsplane.proto.pipeline.v1.TriggerFiring;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON forms of schedules, event triggers and their firings. */
public final class TriggerViews {

    private TriggerViews() {
    }

    /** The body that creates or replaces a schedule; active defaults to true. */
    public record SetSchedule(String description,
            @Schema(description = "Five fields (minute hour day-of-month month day-of-week) or @hourly, @daily, "
                    + "@weekly, @monthly, @yearly", required = true) String cron,
            @Schema(description = "An IANA time zone such as Europe/Berlin; UTC when absent") String timezone,
            @Schema(description = "Branch or tag to run; main when absent") String ref,
            @JsonSetter(contentNulls = Nulls.FAIL) @JsonDeserialize(contentUsing = RunViews.StrictString.class)
            Map<String, String> variables,
            Boolean active) {

        PipelineSchedule.Builder toMessage(String pipelineName) {
            return PipelineSchedule.newBuilder().setPipelineName(pipelineName).setDescription(orEmpty(description))
                    .setCron(orEmpty(cron)).setTimezone(orEmpty(timezone)).setRef(orEmpty(ref))
                    .putAllVariables(variables == null ? Map.of() : variables).setActive(active == null || active);
        }
    }

    /** The body that creates or replaces an event trigger; active defaults to true. */
    public record SetEventTrigger(String description,
            @Schema(description = "The CloudEvents type, such as opsplane.events.v1.PipelineCompleted",
                    required = true) String eventType,
            @Schema(description = "All must hold") List<Filter> filters,
            @Schema(description = "Branch or tag to run; main when absent") String ref,
            @JsonSetter(contentNulls = Nulls.FAIL) @JsonDeserialize(contentUsing = RunViews.StrictString.class)
            Map<String, String> variables,
            Boolean active) {

        EventTrigger.Builder toMessage(String pipelineName) {
            EventTrigger.Builder trigger = EventTrigger.newBuilder().setPipelineName(pipelineName)
                    .setDescription(orEmpty(description)).setEventType(orEmpty(eventType)).setRef(orEmpty(ref))
                    .putAllVariables(variables == null ? Map.of() : variables).setActive(active == null || active);
            if (filters != null) {
                for (Filter filter : filters) {
                    if (filter == null) {
                        throw new IllegalArgumentException("filters holds a null");
                    }
                    trigger.addFilters(EventFilter.newBuilder().setField(orEmpty(filter.field()))
                            .setOperator(orEmpty(filter.operator())).setValue(orEmpty(filter.value())));
                }
            }
            return trigger;
        }
    }

    public record Filter(
            @Schema(description = "subject, source, or data.<path> into the event's data") String field,
            @Schema(description = "equals (default), not_equals, prefix, matches, exists") String operator,
            String value) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Firing(String runId, String occasion, String state, String error, int attempts, Instant createdAt,
            Instant finishedAt) {
        static Firing of(TriggerFiring f) {
            return new Firing(f.getRunId(), f.getOccasion(), f.getState(), f.getError().isEmpty() ? null : f.getError(),
                    f.getAttempts(), instant(f.getCreatedAt()), f.hasFinishedAt() ? instant(f.getFinishedAt()) : null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(String id, String pipelineName, String description, String cron, String timezone,
            String ref, Map<String, String> variables, boolean active, Instant nextRunAt, String owner,
            Instant createdAt, Instant updatedAt, List<Firing> recentFirings) {
        static Schedule of(PipelineSchedule s) {
            return new Schedule(s.getId(), s.getPipelineName(), s.getDescription(), s.getCron(), s.getTimezone(),
                    s.getRef(), s.getVariablesMap(), s.getActive(), s.hasNextRunAt() ? instant(s.getNextRunAt()) : null,
                    s.getOwner(), instant(s.getCreatedAt()), instant(s.getUpdatedAt()),
                    s.getRecentFiringsList().stream().map(Firing::of).toList());
        }
    }

    public record ScheduleList(List<Schedule> schedules) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trigger(String id, String pipelineName, String description, String eventType, List<Filter> filters,
            String ref, Map<String, String> variables, boolean active, String owner, Instant createdAt,
            Instant updatedAt, List<Firing> recentFirings) {
        static Trigger of(EventTrigger t) {
            return new Trigger(t.getId(), t.getPipelineName(), t.getDescription(), t.getEventType(),
                    t.getFiltersList().stream().map(f -> new Filter(f.getField(), f.getOperator(), f.getValue()))
                            .toList(), t.getRef(), t.getVariablesMap(), t.getActive(), t.getOwner(),
                    instant(t.getCreatedAt()), instant(t.getUpdatedAt()),
                    t.getRecentFiringsList().stream().map(Firing::of).toList());
        }
    }

    public record TriggerList(List<Trigger> triggers) {
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
