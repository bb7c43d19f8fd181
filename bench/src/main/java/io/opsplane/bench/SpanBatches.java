package io.opsplane.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Export requests shaped like an instrumented shop's: whole traces of 4 to 12 spans across five services (an HTTP
 * server span at the root; HTTP client and server hops, SQL statements, Kafka publishes and internal work below it),
 * semantic-convention attributes, resource attributes per service, and 2 % of traces failing with an exception
 * event. Services are named {@code bench-<service>} so that the benchmark's spans can be counted in the store.
 */
final class SpanBatches {

    static final String SERVICE_PREFIX = "bench-";

    /** One request, its span count, and one of its traces to look up later (id and span count). */
    record Batch(ExportTraceServiceRequest request, int spans, String sampleTraceId, int sampleTraceSpans) {
    }

    private record Hop(String service, Span.SpanKind kind, String name, String[] attributes) {
    }

    private static final String[] SERVICES = {"frontend", "orders", "payments", "inventory", "notifications"};
    private static final Hop[] HOPS = {
        new Hop("frontend", Span.SpanKind.SPAN_KIND_CLIENT, "GET", new String[] {"http.request.method", "GET",
            "server.address", "orders", "server.port", "8080", "url.full", "http://orders:8080/orders/7731",
            "http.response.status_code", "200"}),
        new Hop("orders", Span.SpanKind.SPAN_KIND_SERVER, "GET /orders/{id}", new String[] {"http.request.method", "GET",
            "http.route", "/orders/{id}", "url.path", "/orders/7731", "url.scheme", "http",
            "http.response.status_code", "200", "network.protocol.version", "1.1"}),
        new Hop("orders", Span.SpanKind.SPAN_KIND_CLIENT, "SELECT shop.orders", new String[] {"db.system", "postgresql",
            "db.namespace", "shop", "db.operation.name", "SELECT", "db.collection.name", "orders",
            "db.query.text", "SELECT id, customer_id, total, status FROM orders WHERE id = $1",
            "server.address", "db-primary"}),
        new Hop("orders", Span.SpanKind.SPAN_KIND_CLIENT, "SELECT shop.order_items", new String[] {"db.system",
            "postgresql", "db.namespace", "shop", "db.operation.name", "SELECT", "db.collection.name", "order_items",
            "db.query.text", "SELECT sku, quantity, price FROM order_items WHERE order_id = $1"}),
        new Hop("payments", Span.SpanKind.SPAN_KIND_SERVER, "POST /payments", new String[] {"http.request.method",
            "POST", "http.route", "/payments", "http.response.status_code", "201", "payment.provider", "acquirer-b"}),
        new Hop("inventory", Span.SpanKind.SPAN_KIND_SERVER, "inventory.Stock/Reserve", new String[] {"rpc.system",
            "grpc", "rpc.service", "inventory.Stock", "rpc.method", "Reserve", "rpc.grpc.status_code", "0"}),
        new Hop("orders", Span.SpanKind.SPAN_KIND_PRODUCER, "orders.events publish", new String[] {
            "messaging.system", "kafka", "messaging.destination.name", "orders.events",
            "messaging.operation.type", "publish", "messaging.kafka.message.key", "order-7731"}),
        new Hop("notifications", Span.SpanKind.SPAN_KIND_CONSUMER, "orders.events process", new String[] {
            "messaging.system", "kafka", "messaging.destination.name", "orders.events",
            "messaging.consumer.group.name", "notifications", "messaging.operation.type", "process"}),
        new Hop("frontend", Span.SpanKind.SPAN_KIND_INTERNAL, "render order page", new String[] {"template",
            "order.html", "cache.hit", "false"}),
    };
    private static final String[] ROUTES = {"/api/orders/{id}", "/api/cart", "/api/checkout", "/api/products/{sku}"};

    private SpanBatches() {
    }

    /** Whole traces until at least {@code spans} spans, ending now. */
    static Batch next(int spans) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, List<Span>> byService = new LinkedHashMap<>();
        int count = 0;
        String sampleId = null;
        int sampleSpans = 0;
        while (count < spans) {
            byte[] traceId = new byte[16];
            random.nextBytes(traceId);
            int traceSpans = trace(ByteString.copyFrom(traceId), random, byService);
            if (sampleId == null) {
                sampleId = HexFormat.of().formatHex(traceId);
                sampleSpans = traceSpans;
            }
            count += traceSpans;
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        byService.forEach((service, list) -> request.addResourceSpans(ResourceSpans.newBuilder()
                .setResource(resource(service))
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder()
                        .setName("io.opentelemetry.javaagent").setVersion("2.10.0")).addAllSpans(list))));
        return new Batch(request.build(), count, sampleId, sampleSpans);
    }

    /** One trace: a root server span and 3 to 11 spans below it, each inside its parent's time. */
    private static int trace(ByteString traceId, ThreadLocalRandom random, Map<String, List<Span>> byService) {
        long end = System.currentTimeMillis() * 1_000_000L - random.nextLong(1_000_000_000L);
        long duration = 5_000_000L + random.nextLong(200_000_000L);
        boolean failed = random.nextInt(50) == 0;
        String route = ROUTES[random.nextInt(ROUTES.length)];
        List<Span> spans = new ArrayList<>();
        List<String> services = new ArrayList<>();
        Span root = span(traceId, ByteString.EMPTY, Span.SpanKind.SPAN_KIND_SERVER, "GET " + route,
                new String[] {"http.request.method", "GET", "http.route", route, "url.path", route.replace("{id}",
                    "7731").replace("{sku}", "sku-1234"), "url.scheme", "https", "http.response.status_code",
                    failed ? "500" : "200", "client.address", "203.0.113." + random.nextInt(1, 255),
                    "user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"},
                end - duration, end, failed, random);
        spans.add(root);
        services.add("frontend");
        int children = 3 + random.nextInt(9);
        for (int i = 0; i < children; i++) {
            Span parent = spans.get(random.nextInt(spans.size()));
            long parentStart = parent.getStartTimeUnixNano();
            long parentLength = parent.getEndTimeUnixNano() - parentStart;
            long start = parentStart + random.nextLong(Math.max(1, parentLength / 2));
            long length = 1 + random.nextLong(Math.max(1, parent.getEndTimeUnixNano() - start));
            Hop hop = HOPS[random.nextInt(HOPS.length)];
            spans.add(span(traceId, parent.getSpanId(), hop.kind(), hop.name(), hop.attributes(),
                    start, start + length, failed && i == children - 1, random));
            services.add(hop.service());
        }
        for (int i = 0; i < spans.size(); i++) {
            byService.computeIfAbsent(services.get(i), key -> new ArrayList<>()).add(spans.get(i));
        }
        return spans.size();
    }

    private static Span span(ByteString traceId, ByteString parent, Span.SpanKind kind, String name,
            String[] attributes, long start, long end, boolean failed, ThreadLocalRandom random) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        Span.Builder span = Span.newBuilder().setTraceId(traceId).setSpanId(ByteString.copyFrom(id))
                .setParentSpanId(parent).setName(name).setKind(kind).setStartTimeUnixNano(start)
                .setEndTimeUnixNano(end);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            span.addAttributes(string(attributes[i], attributes[i + 1]));
        }
        span.addAttributes(string("thread.name", "executor-thread-" + random.nextInt(1, 64)));
        if (failed) {
            span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage("java.net.SocketTimeoutException: Read timed out"));
            span.addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(end)
                    .addAttributes(string("exception.type", "java.net.SocketTimeoutException"))
                    .addAttributes(string("exception.message", "Read timed out"))
                    .addAttributes(string("exception.stacktrace", "java.net.SocketTimeoutException: Read timed out\n"
                            + "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)\n"
                            + "\tat shop.orders.OrdersClient.get(OrdersClient.java:41)")));
        } else if (kind == Span.SpanKind.SPAN_KIND_SERVER) {
            span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_UNSET));
        }
        return span.build();
    }

    private static Resource resource(String service) {
        int index = List.of(SERVICES).indexOf(service);
        return Resource.newBuilder()
                .addAttributes(string("service.name", SERVICE_PREFIX + service))
                .addAttributes(string("service.namespace", "shop"))
                .addAttributes(string("service.version", "1.4." + Math.max(0, index)))
                .addAttributes(string("service.instance.id", service + "-7d9f8c-" + (index + 2)))
                .addAttributes(string("deployment.environment.name", "production"))
                .addAttributes(string("host.name", "node-" + (index % 3 + 1)))
                .addAttributes(string("telemetry.sdk.name", "opentelemetry"))
                .addAttributes(string("telemetry.sdk.language", "java"))
                .addAttributes(string("telemetry.sdk.version", "1.44.1")).build();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
