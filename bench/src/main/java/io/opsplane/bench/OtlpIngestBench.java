package io.opsplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opsplane.proto.observability.v1.GetTraceRequest;
import io.opsplane.proto.observability.v1.TelemetryServiceGrpc;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * OTLP/HTTP trace ingest into PostgreSQL, and trace look-ups with that data present. Several senders, each
 * posting one export request of about {@code batch} spans after the other (an SDK's batch processor or a
 * collector's exporter), as fast as they are answered, for a while; a 200 means the spans are committed. Run
 * directly against observability-service's receiver and again through the gateway's relay; then the spans in
 * the store are counted against those accepted, and traces sent are read back by id, through the gateway and
 * from the service directly.
 */
final class OtlpIngestBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchHttp http;
    private final ObservabilityBench.Settings settings;
    /** Traces sent whole in one request, to read back: id and span count. */
    private final List<String[]> samples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong acceptedTotal = new AtomicLong();

    OtlpIngestBench(BenchHttp http, ObservabilityBench.Settings settings) {
        this.http = http;
        this.settings = settings;
    }

    void run() throws Exception {
        long before = countStored();
        ingest("directly to observability-service `/v1/traces`", settings.observability() + "/v1/traces");
        ingest("through the gateway `/otlp/v1/traces`", settings.gateway() + "/otlp/v1/traces");
        long stored = countStored() - before;
        ObservabilityBench.row("OTLP spans in PostgreSQL after both runs (warm-ups included)", String.format(Locale.ROOT,
                "%,d stored of %,d accepted%s; %s", stored, acceptedTotal.get(),
                stored == acceptedTotal.get() ? "" : " (**MISMATCH**)", storageOnDisk()));
        lookups();
    }

    /** A warm-up, then the measured run, each with the configured senders. */
    private void ingest(String path, String url) throws Exception {
        send(url, settings.otlpWarmUpSeconds(), false);
        Run run = send(url, settings.otlpSeconds(), true);
        if (run.accepted.get() == 0) {
            throw new IllegalStateException("no span was accepted " + path + ": " + run.firstError.get());
        }
        double seconds = run.elapsedNanos / 1e9;
        ObservabilityBench.row(String.format(Locale.ROOT, "OTLP ingest %s, %d senders, ~%d spans a request, %d s",
                path, settings.otlpSenders(), settings.otlpBatch(), settings.otlpSeconds()),
                String.format(Locale.ROOT, "**%,.0f spans/s** (%,d spans in %,d requests, %.1f s; %,d requests failed%s, "
                        + "%,d spans refused one by one); request %s", run.accepted.get() / seconds, run.accepted.get(),
                        run.requests.get(), seconds, run.failed.get(), run.firstError.get() == null ? ""
                                : ", first: " + run.firstError.get(), run.rejected.get(), run.latencies.summary()));
    }

    private static final class Run {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final Latencies latencies = new Latencies();
        long elapsedNanos;
    }

    private Run send(String url, int seconds, boolean keepSamples) throws Exception {
        Run run = new Run();
        ExecutorService senders = Executors.newFixedThreadPool(settings.otlpSenders());
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong lastAnswer = new AtomicLong(start);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < settings.otlpSenders(); i++) {
            running.add(senders.submit(() -> {
                while (System.nanoTime() < end) {
                    sendOne(url, run, keepSamples);
                    lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                }
                return null;
            }));
        }
        senders.shutdown();
        for (Future<?> sender : running) {
            sender.get(seconds + BenchHttp.TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        }
        run.elapsedNanos = lastAnswer.get() - start;
        acceptedTotal.addAndGet(run.accepted.get());
        return run;
    }

    private void sendOne(String url, Run run, boolean keepSample) {
        SpanBatches.Batch batch = SpanBatches.next(settings.otlpBatch());
        HttpRequest request = http.request(url, true).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.request().toByteArray())).build();
        long sent = System.nanoTime();
        run.requests.incrementAndGet();
        try {
            HttpResponse<byte[]> response = http.sendBytes(request);
            if (response.statusCode() != 200) {
                run.failed.incrementAndGet();
                run.firstError.compareAndSet(null, response.statusCode() + " "
                        + BenchHttp.excerpt(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)));
                return;
            }
            run.latencies.add(System.nanoTime() - sent);
            long refused = ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess().getRejectedSpans();
            run.rejected.addAndGet(refused);
            run.accepted.addAndGet(batch.spans() - refused);
            if (keepSample && refused == 0 && samples.size() < 100_000) {
                samples.add(new String[] {batch.sampleTraceId(), Integer.toString(batch.sampleTraceSpans())});
            }
        } catch (Exception e) {
            run.failed.incrementAndGet();
            run.firstError.compareAndSet(null, e.toString());
        }
    }

    /**
     * Traces picked at random, read one at a time by id: through the gateway ({@code GET /api/v1/traces/{id}}),
     * then from observability-service over gRPC directly (TelemetryService/GetTrace), which the gateway calls.
     */
    private void lookups() {
        if (samples.isEmpty()) {
            throw new IllegalStateException("no trace to look up: nothing was accepted");
        }
        long stored = countStoredQuietly();
        RuntimeException gatewayFailure = null;
        try {
            lookups(String.format(Locale.ROOT, "trace by id through the gateway (`GET /api/v1/traces/{id}`), one at a "
                    + "time, %,d spans stored", stored), id -> spanCount(http.get(settings.gateway()
                            + "/api/v1/traces/" + id, true)));
        } catch (RuntimeException e) {
            gatewayFailure = e;
            ObservabilityBench.row("trace by id through the gateway (`GET /api/v1/traces/{id}`)", "**failed**: "
                    + e.getMessage());
        }
        ManagedChannel channel = ManagedChannelBuilder.forTarget(settings.observabilityGrpc()).usePlaintext().build();
        try {
            Metadata auth = new Metadata();
            auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + http.token());
            TelemetryServiceGrpc.TelemetryServiceBlockingStub telemetry = TelemetryServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
            lookups(String.format(Locale.ROOT, "trace by id from observability-service over gRPC (TelemetryService/"
                    + "GetTrace), one at a time, %,d spans stored", stored), id -> telemetry
                            .withDeadlineAfter(BenchHttp.TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                            .getTrace(GetTraceRequest.newBuilder().setTraceId(id).build()).getSpanCount());
        } finally {
            channel.shutdownNow();
        }
        if (gatewayFailure != null) {
            throw new ObservabilityBench.Reported(gatewayFailure);
        }
    }

    private void lookups(String measure, Function<String, Integer> spanCount) {
        Latencies latencies = new Latencies();
        int wrong = 0;
        String firstWrong = null;
        int warmUp = Math.min(20, settings.traceLookups());
        for (int i = 0; i < warmUp + settings.traceLookups(); i++) {
            String[] sample = samples.get(ThreadLocalRandom.current().nextInt(samples.size()));
            long sent = System.nanoTime();
            int spans = spanCount.apply(sample[0]);
            long took = System.nanoTime() - sent;
            if (i < warmUp) {
                continue;
            }
            latencies.add(took);
            if (spans != Integer.parseInt(sample[1])) {
                wrong++;
                firstWrong = firstWrong != null ? firstWrong : sample[0] + ": " + spans + " spans, " + sample[1] + " sent";
            }
        }
        ObservabilityBench.row(measure, latencies.summary() + (wrong == 0 ? "; every trace complete"
                : "; **" + wrong + " traces incomplete**, first " + firstWrong));
    }

    private static int spanCount(String body) {
        try {
            JsonNode trace = JSON.readTree(body);
            return trace.path("spanCount").asInt(-1);
        } catch (Exception e) {
            throw new IllegalStateException("the trace answer is not JSON: " + BenchHttp.excerpt(body));
        }
    }

    private long countStored() throws Exception {
        return queryLong("SELECT count(*) FROM telemetry_span WHERE service LIKE '" + SpanBatches.SERVICE_PREFIX + "%'");
    }

    private long countStoredQuietly() {
        try {
            return queryLong("SELECT count(*) FROM telemetry_span");
        } catch (Exception e) {
            return -1;
        }
    }

    /** The span table's size on disk (all partitions, indexes included) per span, all spans counted. */
    private String storageOnDisk() throws Exception {
        long bytes = queryLong("SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits "
                + "WHERE inhparent = 'telemetry_span'::regclass");
        long spans = queryLong("SELECT count(*) FROM telemetry_span");
        return String.format(Locale.ROOT, "span table with its indexes %,.0f MB for %,d spans (%,.0f bytes a span)",
                bytes / 1e6, spans, spans == 0 ? 0.0 : (double) bytes / spans);
    }

    private long queryLong(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(settings.observabilityDb(), settings.dbUser(),
                settings.dbPassword()); Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
