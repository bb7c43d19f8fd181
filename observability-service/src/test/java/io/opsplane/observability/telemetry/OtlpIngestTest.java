package io.opsplane.observability.telemetry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opsplane.platform.access.AuthHeaders;
import io.opsplane.platform.access.BuiltInRoles;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP protobuf into PostgreSQL, read back; refusals store nothing. */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
class OtlpIngestTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TelemetryStore store;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @io.quarkus.grpc.GrpcClient("self")
    io.opsplane.proto.observability.v1.TelemetryServiceGrpc.TelemetryServiceBlockingStub telemetry;

    private static RequestSpecification as(Principal principal) {
        var spec = given().header(AuthHeaders.PRINCIPAL, TestPrincipals.assertion(principal));
        if (!"service".equals(principal.getKind())) {
            spec = spec.header(AuthHeaders.RELAYED_BY, TestPrincipals.assertion(TestPrincipals.service("gateway")));
        }
        return spec;
    }

    private static Principal operator() {
        return TestPrincipals.user("ops", BuiltInRoles.OPERATOR, "global");
    }

    private List<SpanRow> trace(String traceId) {
        return store.trace(traceId, 1000).await().atMost(WAIT);
    }

    @Test
    void spansPostedAsProtobufAreStoredAndReadBackAsATree() {
        String traceId = Otlp.randomTraceId();
        String root = Otlp.randomSpanId();
        String child = Otlp.randomSpanId();
        Instant start = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        byte[] body = Otlp.traces("checkout-" + traceId, List.of(
                Otlp.span(traceId, root, "", "GET /cart", start, 30_000_000)
                        .addAttributes(Otlp.attribute("http.route", "/cart")).build(),
                Otlp.span(traceId, child, root, "SELECT cart", start.plusMillis(2), 20_000_000)
                        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
                                .setMessage("timeout")).build())).toByteArray();

        byte[] answer = as(operator()).contentType("application/x-protobuf").body(body).when().post("/v1/traces")
                .then().statusCode(200).contentType("application/x-protobuf").extract().asByteArray();
        assertEquals(ExportTraceServiceResponse.getDefaultInstance(), parse(answer));

        List<SpanTree.Node> tree = SpanTree.of(trace(traceId));
        assertEquals(1, tree.size());
        SpanRow stored = tree.get(0).span();
        assertEquals(root, stored.spanId());
        assertEquals(Otlp.nanos(start), stored.startNanos());
        assertEquals(30_000_000, stored.durationNanos());
        assertEquals("checkout-" + traceId, stored.service());
        assertTrue(stored.attributesJson().contains("\"http.route\": \"/cart\""), stored.attributesJson());
        SpanRow below = tree.get(0).children().get(0).span();
        assertEquals(child, below.spanId());
        assertEquals(2, below.status());
        assertEquals("timeout", below.statusMessage());

        var errors = store.search(new TraceFilter("checkout-" + traceId, "", Duration.ofMillis(10), null, 2,
                start.minusSeconds(60), Instant.now().plusSeconds(1), "", "", 10, "")).await().atMost(WAIT);
        assertEquals(List.of(child), errors.items().stream().map(SpanRow::spanId).toList());
        var byAttribute = store.search(new TraceFilter("checkout-" + traceId, "", null, null, 0,
                start.minusSeconds(60), Instant.now().plusSeconds(1), "http.route", "/cart", 10, "")).await()
                .atMost(WAIT);
        assertEquals(List.of(root), byAttribute.items().stream().map(SpanRow::spanId).toList());
    }

    @Test
    void gzipBodiesAreAcceptedAndBadSpansAreReportedAsPartialSuccess() throws IOException {
        String traceId = Otlp.randomTraceId();
        Instant start = Instant.now().minusSeconds(1);
        Span good = Otlp.span(traceId, Otlp.randomSpanId(), "", "ok", start, 1000).build();
        Span bad = Otlp.span(traceId, Otlp.randomSpanId(), "", "bad", start, 1000)
                .setSpanId(com.google.protobuf.ByteString.copyFrom(new byte[3])).build();
        byte[] answer = as(operator()).contentType("application/x-protobuf").header("Content-Encoding", "gzip")
                .body(gzip(Otlp.traces("gz", List.of(good, bad)).toByteArray())).when().post("/v1/traces").then()
                .statusCode(200).extract().asByteArray();
        ExportTraceServiceResponse response = parse(answer);
        assertEquals(1, response.getPartialSuccess().getRejectedSpans());
        assertTrue(response.getPartialSuccess().getErrorMessage().contains("spanId must be 8 bytes"));
        assertEquals(List.of("ok"), trace(traceId).stream().map(SpanRow::operation).toList());
    }

    @Test
    void logsArePostedAndFoundByServiceSeverityTextAndTrace() throws Exception {
        String traceId = Otlp.randomTraceId();
        String service = "billing-" + traceId.substring(0, 8);
        Instant now = Instant.now().minusSeconds(1);
        byte[] answer = as(operator()).contentType("application/x-protobuf").body(Otlp.logs(service, List.of(
                Otlp.log(now, 9, "user signed in").build(),
                Otlp.log(now, 17, "payment FAILED for order 42").setTraceId(Otlp.id(traceId)).build())).toByteArray())
                .when().post("/v1/logs").then().statusCode(200).extract().asByteArray();
        assertEquals(ExportLogsServiceResponse.getDefaultInstance(), ExportLogsServiceResponse.parseFrom(answer));
        Instant from = now.minusSeconds(60);
        Instant to = Instant.now().plusSeconds(1);
        assertEquals(2, store.search(new LogFilter(service, 0, "", "", from, to, 0)).await().atMost(WAIT).size());
        var errors = store.search(new LogFilter(service, 17, "failed", "", from, to, 0)).await().atMost(WAIT);
        assertEquals(List.of("payment FAILED for order 42"), errors.stream().map(LogRow::body).toList());
        assertEquals(traceId, errors.get(0).traceId());
        assertEquals(1, store.search(new LogFilter("", 0, "", traceId, from, to, 0)).await().atMost(WAIT).size());
    }

    @Test
    void badInputIsRefusedWithA4xxAndNothingIsStored() throws IOException {
        String traceId = Otlp.randomTraceId();
        Instant start = Instant.now().minusSeconds(1);
        byte[] withNul = Otlp.traces("s", List.of(Otlp.span(traceId, Otlp.randomSpanId(), "", "ok", start, 1).build(),
                Otlp.span(traceId, Otlp.randomSpanId(), "", "op", start, 1)
                        .addAttributes(Otlp.attribute("k", "a\0b")).build())).toByteArray();
        as(operator()).contentType("application/x-protobuf").body(withNul).when().post("/v1/traces").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("spans[1].attributes['k'] contains a NUL character"));

        byte[] megabyte = Otlp.traces("s", List.of(Otlp.span(traceId, Otlp.randomSpanId(), "", "ok", start, 1)
                .addAttributes(Otlp.attribute("k", "x".repeat(1024 * 1024))).build())).toByteArray();
        as(operator()).contentType("application/x-protobuf").body(megabyte).when().post("/v1/traces").then()
                .statusCode(400).body("detail", containsString("is 1048576 bytes, more than the 262144"));

        as(operator()).contentType("application/x-protobuf").body(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, 0x0f})
                .when().post("/v1/traces").then().statusCode(400)
                .body("detail", containsString("not an OTLP ExportTraceServiceRequest in protobuf"));
        as(operator()).contentType("application/json").body("{}").when().post("/v1/traces").then()
                .statusCode(415).body("detail", containsString("OTLP/JSON is not accepted"));
        as(operator()).contentType("text/plain").body("x").when().post("/v1/logs").then().statusCode(415);
        as(operator()).contentType("application/x-protobuf").body(new byte[4 * 1024 * 1024 + 1]).when()
                .post("/v1/traces").then().statusCode(413).body("detail", containsString("more than the 4194304"));
        as(operator()).contentType("application/x-protobuf").header("Content-Encoding", "gzip")
                .body(gzip(new byte[5 * 1024 * 1024])).when().post("/v1/traces").then().statusCode(413)
                .body("detail", containsString("once gunzipped"));
        as(operator()).contentType("application/x-protobuf").header("Content-Encoding", "gzip").body(withNul).when()
                .post("/v1/traces").then().statusCode(400).body("detail", containsString("not gzip data"));
        List<Span> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            tooMany.add(Otlp.span(traceId, Otlp.randomSpanId(), "", "n", start, 1).build());
        }
        as(operator()).contentType("application/x-protobuf").body(Otlp.traces("s", tooMany).toByteArray()).when()
                .post("/v1/traces").then().statusCode(413).body("detail", containsString("10001 spans"));

        assertEquals(List.of(), trace(traceId));
    }

    @Test
    void onlyCallersWithMetricsIngestMayPush() {
        String traceId = Otlp.randomTraceId();
        byte[] body = Otlp.traces("s", List.of(Otlp.span(traceId, Otlp.randomSpanId(), "", "op",
                Instant.now().minusSeconds(1), 1).build())).toByteArray();
        as(TestPrincipals.user("v", BuiltInRoles.VIEWER, "global")).contentType("application/x-protobuf").body(body)
                .when().post("/v1/traces").then().statusCode(403).body("detail", containsString("metrics:ingest"));
        given().contentType("application/x-protobuf").body(body).when().post("/v1/traces").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"));
        given().header(AuthHeaders.PRINCIPAL, "forged").contentType("application/x-protobuf").body(body).when()
                .post("/v1/logs").then().statusCode(401);
        // A person's assertion without the relaying service's is refused, as on gRPC.
        given().header(AuthHeaders.PRINCIPAL, TestPrincipals.assertion(operator())).contentType(
                "application/x-protobuf").body(body).when().post("/v1/traces").then().statusCode(401);
        assertEquals(List.of(), trace(traceId));
        // A platform service with its own credential may push its spans.
        as(TestPrincipals.service("gateway")).contentType("application/x-protobuf").body(body).when()
                .post("/v1/traces").then().statusCode(200);
        assertEquals(1, trace(traceId).size());
    }

    @Test
    void theGrpcApiAnswersATreeAndSearchesForReadersAndRelaysExportsOnlyForIngesters() {
        String traceId = Otlp.randomTraceId();
        String root = Otlp.randomSpanId();
        Instant start = Instant.now().minusSeconds(2);
        var request = io.opsplane.proto.observability.v1.OtlpExportRequest.newBuilder().setBody(Otlp.traces("grpc-"
                + traceId, List.of(Otlp.span(traceId, root, "", "root", start, 5_000_000).build(),
                        Otlp.span(traceId, Otlp.randomSpanId(), root, "child", start.plusMillis(1), 1_000_000)
                                .build())).toByteString()).build();
        Principal viewer = TestPrincipals.user("v", BuiltInRoles.VIEWER, "global");
        var denied = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
                () -> TestPrincipals.as(viewer, telemetry).exportTraces(request));
        assertEquals(io.grpc.Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertEquals(0, TestPrincipals.as(operator(), telemetry).exportTraces(request).getRejected());

        var trace = TestPrincipals.as(viewer, telemetry).getTrace(
                io.opsplane.proto.observability.v1.GetTraceRequest.newBuilder().setTraceId(traceId).build());
        assertEquals(2, trace.getSpanCount());
        assertEquals("root", trace.getRoots(0).getSpan().getOperation());
        assertEquals("child", trace.getRoots(0).getChildren(0).getSpan().getOperation());
        assertEquals("grpc-" + traceId, trace.getRoots(0).getSpan().getAttributes().getFieldsOrThrow("service.name")
                .getStringValue());

        var page = TestPrincipals.as(viewer, telemetry).searchSpans(io.opsplane.proto.observability.v1
                .SearchSpansRequest.newBuilder().setService("grpc-" + traceId).setLimit(1).build());
        assertEquals(List.of("child"), page.getSpansList().stream().map(
                io.opsplane.proto.observability.v1.Span::getOperation).toList());
        var next = TestPrincipals.as(viewer, telemetry).searchSpans(io.opsplane.proto.observability.v1
                .SearchSpansRequest.newBuilder().setService("grpc-" + traceId).setLimit(1)
                .setPageToken(page.getNextPageToken()).build());
        assertEquals(List.of("root"), next.getSpansList().stream().map(
                io.opsplane.proto.observability.v1.Span::getOperation).toList());
        assertEquals("", next.getNextPageToken());

        var missing = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
                () -> TestPrincipals.as(viewer, telemetry).getTrace(io.opsplane.proto.observability.v1.GetTraceRequest
                        .newBuilder().setTraceId(Otlp.randomTraceId()).build()));
        assertEquals(io.grpc.Status.Code.NOT_FOUND, missing.getStatus().getCode());
        var bad = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
                () -> TestPrincipals.as(viewer, telemetry).searchSpans(io.opsplane.proto.observability.v1
                        .SearchSpansRequest.newBuilder().setStatus(7).build()));
        assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
    }

    @Test
    void otlpGrpcExportIsServedForIngestersOnly() {
        io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", 19084).usePlaintext()
                .build();
        try {
            var export = io.grpc.MethodDescriptor.<io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest,
                    ExportTraceServiceResponse>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
                    .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                            io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.getDefaultInstance()))
                    .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                            ExportTraceServiceResponse.getDefaultInstance())).build();
            String traceId = Otlp.randomTraceId();
            Instant start = Instant.now().minusSeconds(1);
            var good = Otlp.traces("grpc-otlp", List.of(Otlp.span(traceId, Otlp.randomSpanId(), "", "op", start, 1)
                    .build()));
            var withNul = Otlp.traces("grpc-otlp", List.of(Otlp.span(traceId, Otlp.randomSpanId(), "", "a\0b", start,
                    1).build()));
            java.util.function.BiFunction<io.grpc.Metadata, io.opentelemetry.proto.collector.trace.v1
                    .ExportTraceServiceRequest, io.grpc.Status.Code> call = (metadata, request) -> {
                        try {
                            io.grpc.stub.ClientCalls.blockingUnaryCall(io.grpc.ClientInterceptors.intercept(channel,
                                    io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(metadata)), export,
                                    io.grpc.CallOptions.DEFAULT.withDeadlineAfter(10, java.util.concurrent.TimeUnit
                                            .SECONDS), request);
                            return io.grpc.Status.Code.OK;
                        } catch (io.grpc.StatusRuntimeException e) {
                            return e.getStatus().getCode();
                        }
                    };
            assertEquals(io.grpc.Status.Code.UNAUTHENTICATED, call.apply(new io.grpc.Metadata(), good));
            assertEquals(io.grpc.Status.Code.PERMISSION_DENIED, call.apply(TestPrincipals.relayed(
                    TestPrincipals.user("v", BuiltInRoles.VIEWER, "global")), good));
            assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, call.apply(TestPrincipals.relayed(operator()), withNul));
            assertEquals(List.of(), trace(traceId));
            assertEquals(io.grpc.Status.Code.OK, call.apply(TestPrincipals.relayed(TestPrincipals.service(
                    "deploy-service")), good));
            assertEquals(1, trace(traceId).size());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void partitionsAreMadeAheadAndThoseOlderThanTheRetentionDropped() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.util.function.Supplier<java.util.Set<String>> days = () -> {
            java.util.Set<String> names = new java.util.TreeSet<>();
            pool.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p "
                    + "ON p.oid = i.inhparent WHERE p.relname = 'telemetry_span'").execute().await().atMost(WAIT)
                    .forEach(row -> names.add(row.getString(0).substring("telemetry_span_".length())));
            return names;
        };
        java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
        try {
            store.maintain(Duration.ofDays(7), 2).await().atMost(WAIT);
            java.util.Set<String> week = days.get();
            for (int d = -7; d <= 2; d++) {
                assertTrue(week.contains(today.plusDays(d).format(format)), d + " days: " + week);
            }
            store.maintain(Duration.ofDays(1), 2).await().atMost(WAIT);
            java.util.Set<String> kept = days.get();
            assertTrue(kept.contains(today.minusDays(1).format(format)), kept.toString());
            assertTrue(kept.contains(today.plusDays(2).format(format)), kept.toString());
            for (int d = 2; d <= 7; d++) {
                assertTrue(!kept.contains(today.minusDays(d).format(format)), d + " days ago kept: " + kept);
            }
        } finally {
            store.maintain(Duration.ofDays(7), 2).await().atMost(WAIT);
        }
    }

    private static ExportTraceServiceResponse parse(byte[] answer) {
        try {
            return ExportTraceServiceResponse.parseFrom(answer);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }
}
