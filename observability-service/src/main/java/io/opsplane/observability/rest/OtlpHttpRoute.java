package io.opsplane.observability.rest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opsplane.observability.config.TelemetryConfig;
import io.opsplane.observability.telemetry.Bodies;
import io.opsplane.observability.telemetry.TelemetryIngest;
import io.opsplane.observability.telemetry.TelemetryRejected;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * OTLP/HTTP with protobuf bodies on the standard paths: {@value #TRACES} and {@value #LOGS} (gzip allowed).
 * The caller needs {@code metrics:ingest}. A request is stored whole (the spans or records OTLP's partial
 * success reports as rejected excepted) or refused whole with a 4xx problem+json naming what is wrong.
 */
@ApplicationScoped
public class OtlpHttpRoute {

    public static final String TRACES = "/v1/traces";
    public static final String LOGS = "/v1/logs";
    public static final String PERMISSION = "metrics:ingest";
    private static final Logger LOG = Logger.getLogger(OtlpHttpRoute.class);
    private static final String PROTOBUF = "application/x-protobuf";

    @Inject
    TelemetryConfig config;

    @Inject
    TelemetryIngest ingest;

    @Inject
    HttpCallers callers;

    void install(@Observes Router router) {
        int limit = config.maxBodyBytes();
        // The checks that need no body come first, on a route of their own (a body handler must lead its route).
        router.post(TRACES).order(-10).handler(context -> precheck(context, limit));
        router.post(LOGS).order(-10).handler(context -> precheck(context, limit));
        router.post(TRACES).handler(BodyHandler.create(false)
                .setBodyLimit(limit)).handler(context -> export(context, limit,
                        ExportTraceServiceRequest::parseFrom, "ExportTraceServiceRequest",
                        request -> ingest.traces(request).map(result -> {
                            ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
                            if (result.rejected() > 0) {
                                response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                                        .setRejectedSpans(result.rejected()).setErrorMessage(result.message()));
                            }
                            return response.build();
                        })));
        router.post(LOGS).handler(BodyHandler.create(false)
                .setBodyLimit(limit)).handler(context -> export(context, limit,
                        ExportLogsServiceRequest::parseFrom, "ExportLogsServiceRequest",
                        request -> ingest.logs(request).map(result -> {
                            ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
                            if (result.rejected() > 0) {
                                response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                                        .setRejectedLogRecords(result.rejected()).setErrorMessage(result.message()));
                            }
                            return response.build();
                        })));
    }

    /** Refuses before reading the body what is refused whatever it holds. */
    private static void precheck(RoutingContext context, int limit) {
        var request = context.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!media.equals(PROTOBUF)) {
            problem(context.response(), 415, "Unsupported Media Type", media.equals("application/json")
                    ? "OTLP/JSON is not accepted here: send OTLP/HTTP protobuf (Content-Type: application/x-protobuf)"
                    : "Content-Type must be application/x-protobuf (OTLP/HTTP protobuf), not '"
                            + (type == null ? "" : type) + "'");
            return;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("gzip")
                && !encoding.strip().equalsIgnoreCase("identity")) {
            problem(context.response(), 415, "Unsupported Media Type",
                    "Content-Encoding must be gzip or none, not '" + encoding + "'");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > limit) {
                    problem(context.response(), 413, "Content Too Large", "the body is " + length.strip()
                            + " bytes, more than the " + limit + " allowed (opsplane.telemetry.max-body-bytes)");
                    return;
                }
            } catch (NumberFormatException e) {
                problem(context.response(), 400, "Bad Request", "Content-Length is not a number");
                return;
            }
        }
        context.next();
    }

    /** Parses a protobuf body. */
    interface Parser<T> {
        T parse(byte[] body) throws InvalidProtocolBufferException;
    }

    private <T> void export(RoutingContext context, int limit, Parser<T> parser, String messageName,
            Function<T, Uni<? extends MessageLite>> store) {
        HttpServerResponse response = context.response();
        Buffer buffer = context.body().buffer();
        byte[] raw = buffer == null ? new byte[0] : buffer.getBytes();
        String encoding = context.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
        callers.require(context.request(), PERMISSION).chain(caller -> {
            byte[] body = gzip ? Bodies.gunzip(raw, limit) : raw;
            T request;
            try {
                request = parser.parse(body);
            } catch (InvalidProtocolBufferException e) {
                throw new TelemetryRejected(400, "the body is not an OTLP " + messageName + " in protobuf: "
                        + e.getMessage());
            }
            return store.apply(request);
        }).subscribe().with(answer -> response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, PROTOBUF)
                .end(Buffer.buffer(answer.toByteArray())), failure -> {
                    if (failure instanceof TelemetryRejected rejected) {
                        problem(response, rejected.status(), rejected.status() == 413 ? "Content Too Large"
                                : rejected.status() == 415 ? "Unsupported Media Type" : "Bad Request",
                                rejected.getMessage());
                    } else if (failure instanceof HttpCallers.Refused refused) {
                        if (refused.status() == 401) {
                            response.putHeader("WWW-Authenticate", "Bearer");
                        }
                        problem(response, refused.status(), refused.status() == 401 ? "Unauthorized"
                                : refused.status() == 403 ? "Forbidden" : "Service Unavailable", refused.getMessage());
                    } else {
                        LOG.warnf("OTLP export not stored: %s", failure.toString());
                        problem(response, 503, "Service Unavailable",
                                "the telemetry store cannot take this now; retry later");
                    }
                });
    }

    static void problem(HttpServerResponse response, int status, String title, String detail) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":"
                        + io.opsplane.observability.telemetry.Bodies.jsonString(detail) + "}");
    }
}
