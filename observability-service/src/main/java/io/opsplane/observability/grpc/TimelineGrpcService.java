package io.opsplane.observability.grpc;

import io.opsplane.observability.domain.TimelineEvent;
import io.opsplane.observability.timeline.TimelineFilter;
import io.opsplane.observability.timeline.TimelineVisibility;
import io.opsplane.platform.access.Authority;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.observability.v1.TimelineEntry;
import io.opsplane.proto.observability.v1.TimelinePage;
import io.opsplane.proto.observability.v1.TimelineQuery;
import io.opsplane.proto.observability.v1.TimelineService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** gRPC adapter of the timeline query. */
@GrpcService
public class TimelineGrpcService implements TimelineService {

    @Override
    public Uni<TimelinePage> queryTimeline(TimelineQuery request) {
        TimelineFilter filter;
        try {
            filter = TimelineFilter.of(request.getCorrelationId(), request.getType(), request.getSubject(),
                    request.hasFrom() ? Timestamps.toInstant(request.getFrom()) : null,
                    request.hasTo() ? Timestamps.toInstant(request.getTo()) : null,
                    request.getLimit(), request.getCursor());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(GrpcErrors.toStatus(e));
        }
        Authority authority = Callers.current().authority();
        TimelineVisibility visible = TimelineVisibility.of(authority);
        Parameters parameters = new Parameters();
        filter.parameters().forEach(parameters::and);
        visible.parameters().forEach(parameters::and);
        // One row more than asked tells whether another page follows.
        return Panache.withSession(() -> TimelineEvent.<TimelineEvent>find(filter.where() + " and " + visible.where(),
                        Sort.ascending("eventTime", "eventId"), parameters)
                .range(0, filter.limit()).list())
                .map(rows -> page(rows, filter.limit(), authority))
                .onFailure().transform(GrpcErrors::toStatus);
    }

    private static TimelinePage page(List<TimelineEvent> rows, int limit, Authority authority) {
        TimelinePage.Builder page = TimelinePage.newBuilder();
        List<TimelineEvent> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        shown.stream().filter(row -> TimelineVisibility.allows(authority, row.eventType, row.subject))
                .forEach(row -> page.addEntries(entry(row)));
        if (rows.size() > limit) {
            TimelineEvent last = shown.get(shown.size() - 1);
            page.setNextCursor(new TimelineFilter.Cursor(last.eventTime, last.eventId).encode());
        }
        return page.build();
    }

    private static TimelineEntry entry(TimelineEvent row) {
        TimelineEntry.Builder entry = TimelineEntry.newBuilder().setEventId(row.eventId).setType(row.eventType)
                .setSource(row.source).setSubject(row.subject).setTime(Timestamps.of(row.eventTime))
                .setTopic(row.topic).setDataJson(row.data).setRecordedAt(Timestamps.of(row.recordedAt));
        if (row.correlationId != null) {
            entry.setCorrelationId(row.correlationId);
        }
        if (row.traceId != null) {
            entry.setTraceId(row.traceId);
        }
        return entry.build();
    }
}
