package io.opsplane.observability.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceFilterTest {

    private static final Instant TO = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant FROM = TO.minusSeconds(600);

    private static TraceFilter filter(String service, String operation, String min, String max, int status,
            String key, String value, int limit, String page) {
        return new TraceFilter(service, operation, min == null ? null : Duration.parse(min),
                max == null ? null : Duration.parse(max), status, FROM, TO, key, value, limit, page);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            time only      ; -   ; -    ; -     ; -    ; 0 ; -   ; -  ; 0  ; -                    ; start_time >= $1 AND start_time < $2 ORDER BY start_time DESC, span_id DESC LIMIT 21
            service        ; api ; -    ; -     ; -    ; 0 ; -   ; -  ; 5  ; -                    ; start_time >= $1 AND start_time < $2 AND service = $3 ORDER BY start_time DESC, span_id DESC LIMIT 6
            everything     ; api ; GET  ; PT0.1S; PT2S ; 2 ; k   ; v  ; 10 ; -                    ; start_time >= $1 AND start_time < $2 AND service = $3 AND operation = $4 AND duration_ns >= $5 AND duration_ns <= $6 AND status = $7 AND attributes @> $8::text::jsonb ORDER BY start_time DESC, span_id DESC LIMIT 11
            next page      ; -   ; -    ; -     ; -    ; 1 ; -   ; -  ; 1  ; 1765108800000000:00f067aa0ba902b7 ; start_time >= $1 AND start_time < $2 AND status = $3 AND (start_time, span_id) < ($4, $5) ORDER BY start_time DESC, span_id DESC LIMIT 2
            """)
    void conditionsBecomeParametersInOrder(String label, String service, String operation, String min, String max,
            int status, String key, String value, int limit, String page, String where) {
        TraceFilter.Sql sql = filter(service, operation, min, max, status, key, value, limit, page).sql("x");
        assertEquals("SELECT x FROM telemetry_span WHERE " + where, sql.text());
        assertEquals(FROM, sql.parameters().get(0));
        assertEquals(TO, sql.parameters().get(1));
        assertEquals(sql.text().chars().filter(c -> c == '$').count(), sql.parameters().size());
    }

    @Test
    void theAttributeIsAJsonContainmentWithKeyAndValueQuoted() {
        TraceFilter.Sql sql = filter("", "", null, null, 0, "http.route", "/a\"b", 0, "").sql("x");
        assertEquals("{\"http.route\":\"/a\\\"b\"}", sql.parameters().get(2));
    }

    @Test
    void thePageTokenIsTheLastSpansStartAndId() {
        SpanRow last = new SpanRow("t", "00f067aa0ba902b7", "", "s", "o", 0, 1_765_108_800_123_456_789L, 1, 0, "",
                "{}", 0, "[]");
        String token = TraceFilter.pageTokenAfter(last);
        assertEquals("1765108800123456:00f067aa0ba902b7", token);
        List<Object> parameters = filter(null, null, null, null, 0, null, null, 0, token).sql("x").parameters();
        assertEquals(Instant.parse("2025-12-07T12:00:00.123456Z"), parameters.get(2));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            negative min      ; -PT1S ; -     ; 0 ; -  ; -  ; 0    ; -       ; minDuration must not be negative
            max below min     ; PT2S  ; PT1S  ; 0 ; -  ; -  ; 0    ; -       ; is below minDuration
            bad status        ; -     ; -     ; 3 ; -  ; -  ; 0    ; -       ; status must be 0 (any), 1 (ok) or 2
            key without value ; -     ; -     ; 0 ; k  ; -  ; 0    ; -       ; attribute needs both a key and a value
            limit too big     ; -     ; -     ; 0 ; -  ; -  ; 1001 ; -       ; limit must be between 1 and 1000
            forged page token ; -     ; -     ; 0 ; -  ; -  ; 0    ; 1 DROP  ; is not one this service gave
            """)
    void badSearchesAreRefusedNamingTheField(String label, String min, String max, int status, String key,
            String value, int limit, String page, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> filter("", "", min, max, status, key, value, limit, page));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void rangesAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> new TraceFilter("", "", null, null, 0, TO, FROM, "", "",
                0, ""));
        assertThrows(IllegalArgumentException.class, () -> new TraceFilter("", "", null, null, 0,
                TO.minus(Duration.ofDays(32)), TO, "", "", 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new TraceFilter("a\0", "", null, null, 0, FROM, TO, "",
                "", 0, ""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            time only ; -   ; 0  ; -        ; -                                ; time >= $1 AND time < $2 ORDER BY time DESC LIMIT 100
            all       ; api ; 17 ; 50%_x\\   ; 0AF7651916CD43DD8448EB211C80319C ; time >= $1 AND time < $2 AND service = $3 AND severity_number >= $4 AND trace_id = $5 AND body ILIKE $6 ORDER BY time DESC LIMIT 100
            """)
    void logSearchesBecomeParameters(String label, String service, int severity, String text, String trace,
            String where) {
        TraceFilter.Sql sql = new LogFilter(service, severity, text, trace, FROM, TO, 0).sql("x");
        assertEquals("SELECT x FROM telemetry_log WHERE " + where, sql.text());
        if (text != null) {
            assertEquals("%50\\%\\_x\\\\%", sql.parameters().get(5));
            assertEquals("0af7651916cd43dd8448eb211c80319c", sql.parameters().get(4));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            severity 25 ; 25 ; abc ; minSeverity must be an OTLP severity number
            bad trace   ; 0  ; xyz ; traceId must be 32 hex digits
            """)
    void badLogSearchesAreRefused(String label, int severity, String trace, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LogFilter("", severity, "", severity == 25 ? "" : trace, FROM, TO, 0));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
