-- OTLP traces and logs: one partition per UTC day on the span's start / the record's time. The service
-- creates the partitions ahead and drops those past the retention (telemetry_maintain, at start and hourly);
-- it accepts only spans and records inside that window, so every insert has its partition.
CREATE TABLE telemetry_span (
    start_time        TIMESTAMPTZ  NOT NULL,
    trace_id          CHAR(32)     NOT NULL,  -- lower-case hex
    span_id           CHAR(16)     NOT NULL,
    parent_span_id    VARCHAR(16)  NOT NULL,  -- '' for a root
    service           VARCHAR(256) NOT NULL,
    operation         VARCHAR(1024) NOT NULL,
    kind              SMALLINT     NOT NULL,  -- OTLP SpanKind
    duration_ns       BIGINT       NOT NULL,
    status            SMALLINT     NOT NULL,  -- OTLP StatusCode: 0 unset, 1 ok, 2 error
    status_message    VARCHAR(4200) NOT NULL,
    attributes        JSONB        NOT NULL,  -- resource and span attributes, bounded in count and size
    dropped_attributes INTEGER     NOT NULL,
    events            JSONB        NOT NULL   -- span events (name, time, attributes), bounded
) PARTITION BY RANGE (start_time);

CREATE INDEX telemetry_span_trace ON telemetry_span (trace_id);
CREATE INDEX telemetry_span_service_start ON telemetry_span (service, start_time);
CREATE INDEX telemetry_span_service_operation_start ON telemetry_span (service, operation, start_time);
CREATE INDEX telemetry_span_duration ON telemetry_span (duration_ns);
CREATE INDEX telemetry_span_status ON telemetry_span (status, start_time);
CREATE INDEX telemetry_span_attributes ON telemetry_span USING GIN (attributes jsonb_path_ops);

CREATE TABLE telemetry_log (
    time              TIMESTAMPTZ  NOT NULL,
    observed_time     TIMESTAMPTZ  NOT NULL,
    service           VARCHAR(256) NOT NULL,
    severity_number   SMALLINT     NOT NULL,  -- OTLP SeverityNumber, 0 unspecified .. 24 fatal4
    severity_text     VARCHAR(64)  NOT NULL,
    body              TEXT         NOT NULL,  -- bounded like attribute values
    trace_id          VARCHAR(32)  NOT NULL,  -- '' when the record belongs to no trace
    span_id           VARCHAR(16)  NOT NULL,
    attributes        JSONB        NOT NULL,
    dropped_attributes INTEGER     NOT NULL
) PARTITION BY RANGE (time);

CREATE INDEX telemetry_log_service_time ON telemetry_log (service, time);
CREATE INDEX telemetry_log_trace ON telemetry_log (trace_id) WHERE trace_id <> '';
CREATE INDEX telemetry_log_severity_time ON telemetry_log (severity_number, time);

-- Creates the daily partitions from the first day inside the retention to days_ahead days from now, and drops
-- those that end before now - retention. Idempotent; several instances may run it at once.
CREATE FUNCTION telemetry_maintain(retention INTERVAL, days_ahead INTEGER) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    day DATE;
    last DATE := (now() AT TIME ZONE 'UTC')::date + days_ahead;
    tbl TEXT;
    part RECORD;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('telemetry_maintain'));
    PERFORM set_config('client_min_messages', 'warning', true);
    day := ((now() - retention) AT TIME ZONE 'UTC')::date;
    WHILE day <= last LOOP
        FOREACH tbl IN ARRAY ARRAY['telemetry_span', 'telemetry_log'] LOOP
            EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                    tbl || '_' || to_char(day, 'YYYYMMDD'), tbl,
                    (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
        END LOOP;
        day := day + 1;
    END LOOP;
    FOR part IN
        SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname IN ('telemetry_span', 'telemetry_log')
          AND c.relname ~ '_[0-9]{8}$'
          AND (to_date(right(c.relname, 8), 'YYYYMMDD') + 1)::timestamp AT TIME ZONE 'UTC' <= now() - retention
    LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I', part.name);
    END LOOP;
END $$;
