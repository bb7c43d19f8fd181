package io.opsplane.observability.telemetry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Spans and log records in PostgreSQL: one request's rows in one statement (arrays unnested), so a request is
 * stored whole or not at all; searches by {@link TraceFilter} and {@link LogFilter}.
 */
@ApplicationScoped
public class TelemetryStore {

    static final String SPAN_COLUMNS = "trace_id, span_id, parent_span_id, service, operation, kind, "
            + "(extract(epoch from start_time) * 1000000)::bigint AS start_us, duration_ns, status, status_message, "
            + "attributes::text AS attributes, dropped_attributes, events::text AS events";
    static final String LOG_COLUMNS = "(extract(epoch from time) * 1000000)::bigint AS time_us, "
            + "(extract(epoch from observed_time) * 1000000)::bigint AS observed_us, service, severity_number, "
            + "severity_text, body, trace_id, span_id, attributes::text AS attributes, dropped_attributes";

    private static final String INSERT_SPANS = """
            INSERT INTO telemetry_span (start_time, trace_id, span_id, parent_span_id, service, operation, kind,
                duration_ns, status, status_message, attributes, dropped_attributes, events)
            SELECT timestamptz 'epoch' + s.start_us * interval '1 microsecond', s.trace_id, s.span_id, s.parent,
                s.service, s.operation, s.kind, s.duration_ns, s.status, s.status_message, s.attributes::jsonb,
                s.dropped, s.events::jsonb
            FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::smallint[],
                $8::bigint[], $9::smallint[], $10::text[], $11::text[], $12::int[], $13::text[])
              AS s(start_us, trace_id, span_id, parent, service, operation, kind, duration_ns, status,
                   status_message, attributes, dropped, events)""";

    private static final String INSERT_LOGS = """
            INSERT INTO telemetry_log (time, observed_time, service, severity_number, severity_text, body, trace_id,
                span_id, attributes, dropped_attributes)
            SELECT timestamptz 'epoch' + l.time_us * interval '1 microsecond',
                timestamptz 'epoch' + l.observed_us * interval '1 microsecond', l.service, l.severity, l.severity_text,
                l.body, l.trace_id, l.span_id, l.attributes::jsonb, l.dropped
            FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::smallint[], $5::text[], $6::text[], $7::text[],
                $8::text[], $9::text[], $10::int[])
              AS l(time_us, observed_us, service, severity, severity_text, body, trace_id, span_id, attributes,
                   dropped)""";

    @Inject
    Pool pool;

    public Uni<Void> insertSpans(List<SpanRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        Long[] start = new Long[n];
        String[] trace = new String[n];
        String[] span = new String[n];
        String[] parent = new String[n];
        String[] service = new String[n];
        String[] operation = new String[n];
        Short[] kind = new Short[n];
        Long[] duration = new Long[n];
        Short[] status = new Short[n];
        String[] message = new String[n];
        String[] attributes = new String[n];
        Integer[] dropped = new Integer[n];
        String[] events = new String[n];
        for (int i = 0; i < n; i++) {
            SpanRow row = rows.get(i);
            start[i] = Math.floorDiv(row.startNanos(), 1000);
            trace[i] = row.traceId();
            span[i] = row.spanId();
            parent[i] = row.parentSpanId();
            service[i] = row.service();
            operation[i] = row.operation();
            kind[i] = (short) row.kind();
            duration[i] = row.durationNanos();
            status[i] = (short) row.status();
            message[i] = row.statusMessage();
            attributes[i] = row.attributesJson();
            dropped[i] = row.droppedAttributes();
            events[i] = row.eventsJson();
        }
        return pool.preparedQuery(INSERT_SPANS).execute(Tuple.tuple(List.of(start, trace, span, parent, service,
                operation, kind, duration, status, message, attributes, dropped, events))).replaceWithVoid();
    }

    public Uni<Void> insertLogs(List<LogRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        Long[] time = new Long[n];
        Long[] observed = new Long[n];
        String[] service = new String[n];
        Short[] severity = new Short[n];
        String[] severityText = new String[n];
        String[] body = new String[n];
        String[] trace = new String[n];
        String[] span = new String[n];
        String[] attributes = new String[n];
        Integer[] dropped = new Integer[n];
        for (int i = 0; i < n; i++) {
            LogRow row = rows.get(i);
            time[i] = Math.floorDiv(row.timeNanos(), 1000);
            observed[i] = Math.floorDiv(row.observedNanos(), 1000);
            service[i] = row.service();
            severity[i] = (short) row.severityNumber();
            severityText[i] = row.severityText();
            body[i] = row.body();
            trace[i] = row.traceId();
            span[i] = row.spanId();
            attributes[i] = row.attributesJson();
            dropped[i] = row.droppedAttributes();
        }
        return pool.preparedQuery(INSERT_LOGS).execute(Tuple.tuple(List.of(time, observed, service, severity,
                severityText, body, trace, span, attributes, dropped))).replaceWithVoid();
    }

    /** Every stored span of a trace (at most {@code max}). */
    public Uni<List<SpanRow>> trace(String traceId, int max) {
        return pool.preparedQuery("SELECT " + SPAN_COLUMNS + " FROM telemetry_span WHERE trace_id = $1 "
                + "ORDER BY start_time LIMIT " + max).execute(Tuple.of(traceId)).map(set -> {
                    List<SpanRow> out = new ArrayList<>();
                    set.forEach(row -> out.add(span(row)));
                    return out;
                });
    }

    /** One page of matching spans, newest first, and the token of the next page (empty on the last). */
    public Uni<Page<SpanRow>> search(TraceFilter filter) {
        TraceFilter.Sql sql = filter.sql(SPAN_COLUMNS);
        return pool.preparedQuery(sql.text()).execute(tuple(sql.parameters())).map(set -> {
            List<SpanRow> out = new ArrayList<>();
            set.forEach(row -> out.add(span(row)));
            if (out.size() > filter.limit()) {
                List<SpanRow> page = new ArrayList<>(out.subList(0, filter.limit()));
                return new Page<>(page, TraceFilter.pageTokenAfter(page.get(page.size() - 1)));
            }
            return new Page<>(out, "");
        });
    }

    public Uni<List<LogRow>> search(LogFilter filter) {
        TraceFilter.Sql sql = filter.sql(LOG_COLUMNS);
        return pool.preparedQuery(sql.text()).execute(tuple(sql.parameters())).map(set -> {
            List<LogRow> out = new ArrayList<>();
            set.forEach(row -> out.add(new LogRow(row.getLong("time_us") * 1000, row.getLong("observed_us") * 1000,
                    row.getString("service"), row.getShort("severity_number"), row.getString("severity_text"),
                    row.getString("body"), row.getString("trace_id"), row.getString("span_id"),
                    row.getString("attributes"), row.getInteger("dropped_attributes"))));
            return out;
        });
    }

    /** Creates the partitions ahead and drops those past the retention. */
    public Uni<Void> maintain(java.time.Duration retention, int daysAhead) {
        return pool.preparedQuery("SELECT telemetry_maintain(make_interval(secs => $1), $2)")
                .execute(Tuple.of((double) retention.toSeconds(), daysAhead)).replaceWithVoid();
    }

    /** A page of results and the token of the next one, empty on the last. */
    public record Page<T>(List<T> items, String nextPageToken) {
    }

    private static Tuple tuple(List<Object> parameters) {
        List<Object> bound = new ArrayList<>(parameters.size());
        for (Object parameter : parameters) {
            bound.add(parameter instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                    : parameter);
        }
        return Tuple.tuple(bound);
    }

    private static SpanRow span(Row row) {
        return new SpanRow(row.getString("trace_id"), row.getString("span_id"), row.getString("parent_span_id"),
                row.getString("service"), row.getString("operation"), row.getShort("kind"),
                row.getLong("start_us") * 1000, row.getLong("duration_ns"), row.getShort("status"),
                row.getString("status_message"), row.getString("attributes"), row.getInteger("dropped_attributes"),
                row.getString("events"));
    }
}
