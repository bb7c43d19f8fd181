package io.opsplane.gateway.rest;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.opsplane.gateway.prometheus.PromJson;
import io.opsplane.gateway.prometheus.PromParams;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.observability.v1.BuildInfoRequest;
import io.opsplane.proto.observability.v1.LabelValuesRequest;
import io.opsplane.proto.observability.v1.LabelsRequest;
import io.opsplane.proto.observability.v1.ListRuleAlertsRequest;
import io.opsplane.proto.observability.v1.ListRulesRequest;
import io.opsplane.proto.observability.v1.RulesServiceGrpc;
import io.opsplane.proto.observability.v1.MetricsServiceGrpc;
import io.opsplane.proto.observability.v1.QueryRangeRequest;
import io.opsplane.proto.observability.v1.QueryRequest;
import io.opsplane.proto.observability.v1.SeriesRequest;
import io.opsplane.proto.observability.v1.WriteRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Prometheus's HTTP API ({@code /prometheus/api/v1/...}) over observability-service's MetricsService, so
 * Grafana (a Prometheus data source with URL {@code <gateway>/prometheus} and the token as a bearer
 * header) and every Prometheus client use Opsplane as they use Prometheus. Parameters, answers and errors
 * are Prometheus's; GET and form POST as Prometheus takes them.
 */
@Path("/prometheus/api/v1")
@Tag(name = "Metrics (Prometheus API)", description = "PromQL over the metrics store, in Prometheus's HTTP API")
@Produces(MediaType.APPLICATION_JSON)
public class PrometheusApiResource {

    private static final String PERMISSION = "metrics:read";

    @GrpcClient("metrics")
    MetricsServiceGrpc.MetricsServiceBlockingStub metrics;

    @GrpcClient("rules")
    RulesServiceGrpc.RulesServiceBlockingStub rules;

    @Inject
    ServiceCalls calls;

    /** Longer than the longest query observability-service runs, so its own timeout answers first. */
    @ConfigProperty(name = "opsplane.gateway.metrics-call-timeout")
    java.time.Duration metricsCallTimeout;

    @GET
    @Path("/query")
    @Extension(name = Permissions.EXTENSION, value = PERMISSION)
    @Operation(summary = "Instant query (Prometheus: GET /api/v1/query)")
    @APIResponse(responseCode = "200", description = "Prometheus's answer: {status, data: {resultType, result}}")
    @APIResponse(responseCode = "400", description = "bad_data: a bad query (with its position) or parameter")
    public Response query(@Parameter(description = "PromQL") @QueryParam("query") String query,
            @Parameter(description = "RFC 3339 or Unix seconds; default now") @QueryParam("time") String time,
            @Parameter(description = "e.g. 30s; at most the service's query timeout") @QueryParam("timeout") String timeout,
            @HeaderParam(Correlation.HEADER) String correlation) {
        return answer(correlation, () -> {
            QueryRequest.Builder request = QueryRequest.newBuilder().setQuery(nonNull(query));
            Timestamp at = PromParams.time("time", time);
            if (at != null) {
                request.setTime(at);
            }
            Duration limit = PromParams.duration("timeout", timeout);
            if (limit != null) {
                request.setTimeout(limit);
            }
            return PromJson.query(read(correlation, stub -> stub.query(request.build())));
        });
    }

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Extension(name = Permissions.EXTENSION, value = PERMISSION)
    @Operation(summary = "Instant query, parameters in a form body (Prometheus: POST /api/v1/query)")
    public Response queryPost(@FormParam("query") String query, @FormParam("time") String time,
            @FormParam("timeout") String timeout, @HeaderParam(Correlation.HEADER) String correlation) {
        return query(query, time, timeout, correlation);
    }

    @GET
    @Path("/query_range")
    @Extension(name = Permissions.EXTENSION, value = PERMISSION)
    @Operation(summary = "Range query (Prometheus: GET /api/v1/query_range)")
    @APIResponse(responseCode = "200", description = "Prometheus's answer: {status, data: {resultType: matrix, result}}")
    @APIResponse(responseCode = "400", description = "bad_data")
    public Response queryRange(@QueryParam("query") String query, @QueryParam("start") String start,
            @QueryParam("end") String end, @Parameter(description = "e.g. 15s or 15") @QueryParam("step") String step,
            @QueryParam("timeout") String timeout, @HeaderParam(Correlation.HEADER) String correlation) {
        return answer(correlation, () -> {
            QueryRangeRequest.Builder request = QueryRangeRequest.newBuilder().setQuery(nonNull(query));
            request.setStart(required("start", PromParams.time("start", start)));
            request.setEnd(required("end", PromParams.time("end", end)));
            request.setStep(required("step", PromParams.duration("step", step)));
            Duration limit = PromParams.duration("timeout", timeout);
            if (limit != null) {
                request.setTimeout(limit);
            }
            return PromJson.query(read(correlation, stub -> stub.queryRange(request.build())));
        });
    }

    @POST
    @Path("/query_range")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Extension(name = Permissions.EXTENSION, value = PERMISSION)
    @Operation(summary = "Range query, parameters in a form body (Prometheus: POST /api/v1/query_range)")
    public Response queryRangePost(@FormParam("query") String query, @FormParam("start") String start,
            @FormParam("end") String end, @FormParam("step") String step, @FormParam("timeout") String timeout,
            @HeaderParam(Correlation.HEADER) String correlation) {
        return queryRange(query, start, end, step, timeout, correlation);
    }

    @GET
    @Path("/series")
    @Extension(name = Permissions.EXTENSION, value = PERMISSION)
    @Operation(summary = "Series matching selectors (Prometheus: GET /api/v1/series)")
    public Response series(@Parameter(description = "series selectors, at least one") @QueryParam("match[]") List<String> match,
            @QueryParam("start") String start, @QueryParam("end") String end,
            @HeaderParam(Correlation.HEADER) String correlation) {
        return answer(correlation, () -> {
            SeriesRequest.Builder request = SeriesRequest.newBuilder().addAllMatch(nonNull(match));
            optionalRange(start, end, request::setStart, request::setEnd);
            return PromJson.series(read(correlation, stub -> stub.series(request.build())));
        });
    }

    @POST
    @Path("/series")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Extension(name = Permissions.EXTENSION, value = PERMISSION)
    @Operation(summary = "Series matching selectors, in a form body (Prometheus: POST /api/v1/series)")
    public Response seriesPost(@FormParam("match[]") List<String> match, @FormParam("start") String start,
            @FormParam("end") String end, @HeaderParam(Correlation.HEADER) String correlation) {
        return series(match, start, end, correlation);
    }

    @GET
    @Path("/labels")
    @Extension(name = Permissions.EXTENSION, value = PERMISSION)
    @Operation(summary = "Label names (Prometheus: GET /api/v1/labels)")
    public Response labels(@QueryParam("match[]") List<String> match, @QueryParam("start") String start,
            @QueryParam("end") String end, @HeaderParam(Correlation.HEADER) String correlation) {
        return answer(correlation, () -> {
            LabelsRequest.Builder request = LabelsRequest.newBuilder().addAllMatch(nonNull(match));
            optionalRange(start, end, request::setStart, request::setEnd);
            return PromJson.labels(read(correlation, stub -> stub.labels(request.build())));
        });
    }

    @POST
    @Path("/labels")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Extension(name = Permissions.EXTENSION, value = PERMISSION)
    @Operation(summary = "Label names, in a form body (Prometheus: POST /api/v1/labels)")
    public Response labelsPost(@FormParam("match[]") List<String> match, @FormParam("start") String start,
            @FormParam("end") String end, @HeaderParam(Correlation.HEADER) String correlation) {
        return labels(match, start, end, correlation);
    }

    @GET
    @Path("/label/{name}/values")
    @Extension(name = Permissions.EXTENSION, value = PERMISSION)
    @Operation(summary = "The values of one label (Prometheus: GET /api/v1/label/{name}/values)")
    public Response labelValues(@PathParam("name") String name, @QueryParam("match[]") List<String> match,
            @QueryParam("start") String start, @QueryParam("end") String end,
            @HeaderParam(Correlation.HEADER) String correlation) {
        return answer(correlation, () -> {
            LabelValuesRequest.Builder request = LabelValuesRequest.newBuilder().setName(nonNull(name))
                    .addAllMatch(nonNull(match));
            optionalRange(start, end, request::setStart, request::setEnd);
            return PromJson.labels(read(correlation, stub -> stub.labelValues(request.build())));
        });
    }

    @GET
    @Path("/status/buildinfo")
    @Extension(name = Permissions.EXTENSION, value = PERMISSION)
    @Operation(summary = "The metrics store's version and build (Prometheus: GET /api/v1/status/buildinfo)")
    public Response buildInfo(@HeaderParam(Correlation.HEADER) String correlation) {
        return answer(correlation, () -> PromJson.buildInfo(read(correlation,
                stub -> stub.buildInfo(BuildInfoRequest.getDefaultInstance()))));
    }

    @POST
    @Path("/write")
    @Consumes("application/x-protobuf")
    @Produces(MediaType.TEXT_PLAIN)
    @Extension(name = Permissions.EXTENSION, value = "metrics:ingest")
    @Operation(summary = "Remote write: push samples (Prometheus: POST /api/v1/write)",
            description = "A snappy-compressed prometheus.WriteRequest, as Prometheus's remote_write and agents send "
                    + "it (url <gateway>/prometheus/api/v1/write, a bearer token with metrics:ingest). Passed to the "
                    + "metrics store unchanged; its refusals keep its message.")
    @APIResponse(responseCode = "204", description = "The store took the samples")
    @APIResponse(responseCode = "400", description = "The store refused them (malformed, out of order); not retried")
    @APIResponse(responseCode = "413", description = "More than the gateway's body limit (1 MiB) in one request; "
            + "Prometheus's batches (max_samples_per_send) stay far below it")
    @APIResponse(responseCode = "503", description = "The store is unavailable; the sender retries")
    public Response write(byte[] body, @HeaderParam("X-Prometheus-Remote-Write-Version") String version,
            @HeaderParam("Content-Encoding") String encoding, @HeaderParam(Correlation.HEADER) String correlation) {
        String correlationId = Correlation.resolve(correlation);
        if (body == null || body.length == 0) {
            return plain(400, "the body is empty: send a snappy-compressed WriteRequest", correlationId);
        }
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("snappy")) {
            return plain(415, "Content-Encoding must be snappy", correlationId);
        }
        try {
            calls.write(correlationId, metrics, stub -> stub.write(WriteRequest.newBuilder()
                    .setBody(com.google.protobuf.ByteString.copyFrom(body))
                    .setRemoteWriteVersion(version == null ? "" : version).build()));
        } catch (StatusRuntimeException e) {
            int status = switch (e.getStatus().getCode()) {
                case INVALID_ARGUMENT -> 400;
                case UNAUTHENTICATED -> 401;
                case PERMISSION_DENIED -> 403;
                case NOT_FOUND -> 404;
                case DEADLINE_EXCEEDED, UNAVAILABLE -> 503;
                default -> 500;
            };
            return plain(status, e.getStatus().getDescription() == null ? e.getStatus().getCode().name()
                    : e.getStatus().getDescription(), correlationId);
        }
        return Response.noContent().header(Correlation.HEADER, correlationId).build();
    }

    private static Response plain(int status, String message, String correlationId) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message + "\n")
                .header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/rules")
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "Alerting and recording rules with their health and alerts (Prometheus: GET /api/v1/rules)")
    @APIResponse(responseCode = "200", description = "Prometheus's answer: {status, data: {groups: [{name, file, rules, "
            + "interval, limit, evaluationTime, lastEvaluation}]}}; file is the rule namespace")
    @APIResponse(responseCode = "400", description = "bad_data: a type other than alert or record")
    public Response rules(@Parameter(description = "alert or record; default both") @QueryParam("type") String type,
            @HeaderParam(Correlation.HEADER) String correlation) {
        return answer(correlation, () -> PromJson.rules(calls.read(Correlation.resolve(correlation), rules,
                stub -> stub.listRules(ListRulesRequest.newBuilder().setType(nonNull(type)).build()))));
    }

    @GET
    @Path("/alerts")
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "The pending and firing alerts of the alerting rules (Prometheus: GET /api/v1/alerts)")
    @APIResponse(responseCode = "200", description = "Prometheus's answer: {status, data: {alerts: [{labels, annotations, "
            + "state, activeAt, value}]}}")
    public Response alerts(@HeaderParam(Correlation.HEADER) String correlation) {
        return answer(correlation, () -> PromJson.alerts(calls.read(Correlation.resolve(correlation), rules,
                stub -> stub.listRuleAlerts(ListRuleAlertsRequest.getDefaultInstance()))));
    }

    // ------------------------------------------------------------------ the thin part

    private <T> T read(String correlation, java.util.function.Function<MetricsServiceGrpc.MetricsServiceBlockingStub, T> call) {
        return calls.read(Correlation.resolve(correlation), metrics, call, metricsCallTimeout);
    }

    private static Response answer(String correlationHeader, Supplier<String> body) {
        String correlation = Correlation.resolve(correlationHeader);
        PromJson.Answer answer;
        try {
            answer = new PromJson.Answer(200, body.get());
        } catch (IllegalArgumentException e) {
            answer = PromJson.badData(e.getMessage());
        } catch (StatusRuntimeException e) {
            answer = PromJson.error(e.getStatus());
        }
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body())
                .header(Correlation.HEADER, correlation).build();
    }

    private static void optionalRange(String start, String end, java.util.function.Consumer<Timestamp> setStart,
            java.util.function.Consumer<Timestamp> setEnd) {
        Timestamp from = PromParams.time("start", start);
        Timestamp to = PromParams.time("end", end);
        if (from != null) {
            setStart.accept(from);
        }
        if (to != null) {
            setEnd.accept(to);
        }
    }

    private static <T> T required(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException("invalid parameter \"" + name + "\": parameter is missing");
        }
        return value;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static List<String> nonNull(List<String> values) {
        return values == null ? List.of() : values;
    }
}
