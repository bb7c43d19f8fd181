package io.opsplane.observability.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtlpTranslatorTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final TelemetryLimits LIMITS = new TelemetryLimits(1024 * 1024, 5, 4, 2, 32, 1000);
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";

    private static OtlpTranslator translator() {
        return new OtlpTranslator(LIMITS, Otlp.nanos(NOW.minus(Duration.ofDays(7))), Otlp.nanos(NOW.plus(Duration.ofDays(1))));
    }

    private static Translated<SpanRow> one(UnaryOperator<Span.Builder> change) {
        return translator().spans(Otlp.traces("checkout", List.of(change.apply(
                Otlp.span(TRACE, SPAN, "", "GET /cart", NOW, 1_500_000)).build())));
    }

    @Test
    void aSpanBecomesARowWithItsServiceIdsTimesAndAttributes() {
        Translated<SpanRow> result = one(span -> span.addAttributes(Otlp.attribute("http.route", "/cart"))
                .setParentSpanId(Otlp.id("00f067aa0ba902b7")));
        assertEquals(0, result.rejected());
        SpanRow row = result.rows().get(0);
        assertEquals(new SpanRow(TRACE, SPAN, "00f067aa0ba902b7", "checkout", "GET /cart", 2, Otlp.nanos(NOW),
                1_500_000, 0, "", "{\"service.name\":\"checkout\",\"http.route\":\"/cart\"}", 0, "[]"), row);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            short trace id        ; trace ; 0af7651916cd43dd          ; traceId must be 16 bytes
            zero trace id         ; trace ; 00000000000000000000000000000000 ; traceId must be 16 bytes, not all zero
            long span id          ; span  ; b7ad6b7169203331ff        ; spanId must be 8 bytes
            zero span id          ; span  ; 0000000000000000          ; spanId must be 8 bytes
            bad parent            ; parent; b7ad                      ; parentSpanId must be empty or 8 bytes
            ends before it starts ; end   ; -1                        ; endTimeUnixNano is before startTimeUnixNano
            older than retention  ; start ; -691200                   ; outside the stored window
            two days ahead        ; start ; 172800                    ; outside the stored window
            """)
    void malformedSpansAreRejectedOneByOneNamingWhereAndWhy(String label, String field, String value, String why) {
        Span.Builder good = Otlp.span(TRACE, "1111111111111111", "", "ok", NOW, 10);
        Span.Builder bad = Otlp.span(TRACE, SPAN, "", "bad", NOW, 10);
        switch (field) {
            case "trace" -> bad.setTraceId(Otlp.id(value));
            case "span" -> bad.setSpanId(Otlp.id(value));
            case "parent" -> bad.setParentSpanId(Otlp.id(value));
            case "end" -> bad.setEndTimeUnixNano(bad.getStartTimeUnixNano() - 1);
            case "start" -> bad.setStartTimeUnixNano(Otlp.nanos(NOW.plusSeconds(Long.parseLong(value))))
                    .setEndTimeUnixNano(Otlp.nanos(NOW.plusSeconds(Long.parseLong(value))) + 10);
            default -> throw new IllegalArgumentException(field);
        }
        Translated<SpanRow> result = translator().spans(Otlp.traces("svc", List.of(good.build(), bad.build())));
        assertEquals(1, result.rows().size());
        assertEquals("ok", result.rows().get(0).operation());
        assertEquals(1, result.rejected());
        assertTrue(result.message().startsWith("resourceSpans[0].scopeSpans[0].spans[1]: "), result.message());
        assertTrue(result.message().contains(why), result.message());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            NUL in a value          ; value ; a<NUL>b  ; 400 ; spans[0].attributes['k'] contains a NUL character
            NUL in a key            ; key   ; k<NUL>x  ; 400 ; contains a NUL character
            NUL in the name         ; name  ; x<NUL>y  ; 400 ; spans[0].name contains a NUL character
            value over refusal size ; big   ; 1001     ; 400 ; spans[0].attributes['k'] is 1001 bytes, more than the 1000
            bytes over refusal size ; bytes ; 1001     ; 400 ; is 1001 bytes
            too many spans          ; count ; 6        ; 413 ; holds 6 spans, more than the 5 allowed
            """)
    void requestsThatCannotBeStoredSafelyAreRefusedWhole(String label, String what, String value, int status,
            String message) {
        String text = value.replace("<NUL>", "\0");
        ExportTraceServiceRequest request = switch (what) {
            case "value" -> Otlp.traces("s", List.of(base().addAttributes(Otlp.attribute("k", text)).build()));
            case "key" -> Otlp.traces("s", List.of(base().addAttributes(Otlp.attribute(text, "v")).build()));
            case "name" -> Otlp.traces("s", List.of(base().setName(text).build()));
            case "big" -> Otlp.traces("s", List.of(base().addAttributes(Otlp.attribute("k",
                    "x".repeat(Integer.parseInt(value)))).build()));
            case "bytes" -> Otlp.traces("s", List.of(base().addAttributes(KeyValue.newBuilder().setKey("k")
                    .setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[Integer.parseInt(
                            value)])))).build()));
            case "count" -> Otlp.traces("s", IntStream.range(0, Integer.parseInt(value)).mapToObj(i -> Otlp.span(
                    TRACE, String.format("%016x", i + 1), "", "n", NOW, 1).build()).toList());
            default -> throw new IllegalArgumentException(what);
        };
        TelemetryRejected e = assertThrows(TelemetryRejected.class, () -> translator().spans(request));
        assertEquals(status, e.status());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static Span.Builder base() {
        return Otlp.span(TRACE, SPAN, "", "op", NOW, 1);
    }

    @ParameterizedTest(name = "[{index}] {0} chars")
    @CsvSource(delimiter = ';', textBlock = """
            0    ; 0
            32   ; 0
            33   ; 1
            1000 ; 968
            """)
    void longValuesAreCutToTheLimitWithAMarkerNamingHowMuch(int length, int cut) {
        String value = "v".repeat(length);
        SpanRow row = one(span -> span.addAttributes(Otlp.attribute("k", value))).rows().get(0);
        String expected = cut == 0 ? value : "v".repeat(32) + OtlpTranslator.truncationMarker(cut);
        assertEquals("{\"service.name\":\"checkout\",\"k\":\"" + expected + "\"}", row.attributesJson());
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String value = "a".repeat(31) + "😀" + "tail";
        SpanRow row = one(span -> span.addAttributes(Otlp.attribute("k", value))).rows().get(0);
        assertTrue(row.attributesJson().contains("\"" + "a".repeat(31) + OtlpTranslator.truncationMarker(6) + "\""),
                row.attributesJson());
    }

    @Test
    void attributesPastTheLimitAreDroppedAndCountedWithTheSendersOwnCount() {
        SpanRow row = one(span -> {
            for (int i = 0; i < 6; i++) {
                span.addAttributes(Otlp.attribute("a" + i, "v"));
            }
            return span.setDroppedAttributesCount(2);
        }).rows().get(0);
        // service.name plus three of the span's fill the four; three dropped here, two by the sender.
        assertEquals("{\"service.name\":\"checkout\",\"a0\":\"v\",\"a1\":\"v\",\"a2\":\"v\"}", row.attributesJson());
        assertEquals(5, row.droppedAttributes());
    }

    @Test
    void valuesOfEveryKindAreJsonAndQuotesAndControlsAreEscaped() {
        SpanRow row = one(span -> span
                .addAttributes(KeyValue.newBuilder().setKey("n").setValue(AnyValue.newBuilder().setIntValue(-7)))
                .addAttributes(KeyValue.newBuilder().setKey("b").setValue(AnyValue.newBuilder().setBoolValue(true)))
                .addAttributes(KeyValue.newBuilder().setKey("l").setValue(AnyValue.newBuilder().setArrayValue(
                        ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setDoubleValue(Double.NaN))
                                .addValues(AnyValue.newBuilder().setStringValue("q\"\n\u0001")))))).rows().get(0);
        assertEquals("{\"service.name\":\"checkout\",\"n\":-7,\"b\":true,\"l\":[\"NaN\",\"q\\\"\\n\\u0001\"]}",
                row.attributesJson());
    }

    @Test
    void eventsAreKeptUpToTheLimit() {
        SpanRow row = one(span -> {
            for (int i = 0; i < 3; i++) {
                span.addEvents(Span.Event.newBuilder().setName("e" + i).setTimeUnixNano(i)
                        .addAttributes(Otlp.attribute("x", "y")));
            }
            return span;
        }).rows().get(0);
        assertEquals("[{\"name\":\"e0\",\"timeUnixNano\":0,\"attributes\":{\"x\":\"y\"}},"
                + "{\"name\":\"e1\",\"timeUnixNano\":1,\"attributes\":{\"x\":\"y\"}}]", row.eventsJson());
    }

    @Test
    void aResourceWithoutServiceNameIsTheUnknownService() {
        var request = Otlp.traces("x", List.of(base().build())).toBuilder();
        request.getResourceSpansBuilder(0).getResourceBuilder().clearAttributes();
        assertEquals(OtlpTranslator.UNKNOWN_SERVICE, translator().spans(request.build()).rows().get(0).service());
    }

    @Test
    void logRecordsTakeTheObservedTimeWhenTheyHaveNoneAndKeepTheirTrace() {
        var records = new ArrayList<io.opentelemetry.proto.logs.v1.LogRecord>();
        records.add(Otlp.log(NOW, 17, "boom").setTimeUnixNano(0).setTraceId(Otlp.id(TRACE))
                .setSpanId(Otlp.id(SPAN)).setSeverityText("ERROR").build());
        records.add(Otlp.log(NOW, 9, "no time").setTimeUnixNano(0).setObservedTimeUnixNano(0).build());
        records.add(Otlp.log(NOW, 9, "x".repeat(40)).build());
        Translated<LogRow> result = translator().logs(Otlp.logs("api", records));
        assertEquals(1, result.rejected());
        assertTrue(result.message().contains("logRecords[1]: neither timeUnixNano"), result.message());
        assertEquals(new LogRow(Otlp.nanos(NOW), Otlp.nanos(NOW), "api", 17, "ERROR", "boom", TRACE, SPAN,
                "{\"service.name\":\"api\"}", 0), result.rows().get(0));
        assertEquals("x".repeat(32) + OtlpTranslator.truncationMarker(8), result.rows().get(1).body());
    }
}
