package io.opsplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opsplane.observability.telemetry.OtlpTranslator;
import io.opsplane.observability.telemetry.SpanRow;
import io.opsplane.observability.telemetry.TelemetryLimits;
import io.opsplane.observability.telemetry.Translated;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The export requests of the ingest benchmark: whole traces, every span kept by observability-service's translator. */
class SpanBatchesTest {

    @ParameterizedTest(name = "about {0} spans")
    @ValueSource(ints = {1, 100, 200, 500})
    void batchesAreWholeTracesThatTheReceiverKeepsEntirely(int size) {
        SpanBatches.Batch batch = SpanBatches.next(size);
        List<Span> spans = batch.request().getResourceSpansList().stream()
                .map(ResourceSpans::getScopeSpansList).flatMap(List::stream)
                .map(ScopeSpans::getSpansList).flatMap(List::stream).toList();
        assertEquals(batch.spans(), spans.size());
        assertTrue(batch.spans() >= size && batch.spans() < size + 12, "whole traces of at most 12 spans");

        Map<String, Span> byId = new HashMap<>();
        spans.forEach(span -> byId.put(key(span.getSpanId().toByteArray(), span.getTraceId().toByteArray()), span));
        Map<String, Integer> perTrace = new HashMap<>();
        for (Span span : spans) {
            perTrace.merge(HexFormat.of().formatHex(span.getTraceId().toByteArray()), 1, Integer::sum);
            assertTrue(span.getStartTimeUnixNano() < span.getEndTimeUnixNano(), "a span lasts");
            if (!span.getParentSpanId().isEmpty()) {
                Span parent = byId.get(key(span.getParentSpanId().toByteArray(), span.getTraceId().toByteArray()));
                assertTrue(parent != null, "the parent is in the same request");
                assertTrue(span.getStartTimeUnixNano() >= parent.getStartTimeUnixNano()
                        && span.getEndTimeUnixNano() <= parent.getEndTimeUnixNano(), "inside the parent's time");
            }
        }
        assertEquals(batch.sampleTraceSpans(), perTrace.get(batch.sampleTraceId()));

        long now = System.currentTimeMillis() * 1_000_000L;
        Translated<SpanRow> stored = new OtlpTranslator(TelemetryLimits.DEFAULT, now - 3_600_000_000_000L,
                now + 3_600_000_000_000L).spans(batch.request());
        assertEquals(0, stored.rejected(), stored.message());
        assertEquals(batch.spans(), stored.rows().size());
        assertTrue(stored.rows().stream().allMatch(row -> row.service().startsWith(SpanBatches.SERVICE_PREFIX)));
    }

    private static String key(byte[] spanId, byte[] traceId) {
        return HexFormat.of().formatHex(spanId) + "/" + HexFormat.of().formatHex(traceId);
    }
}
