package io.opsplane.gateway.rest;

import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.observability.v1.AlertManagerServiceGrpc;
import io.opsplane.proto.observability.v1.CreateSilenceRequest;
import io.opsplane.proto.observability.v1.ExpireSilenceRequest;
import io.opsplane.proto.observability.v1.GetConfigRequest;
import io.opsplane.proto.observability.v1.GetSilenceRequest;
import io.opsplane.proto.observability.v1.ListAlertsRequest;
import io.opsplane.proto.observability.v1.ListSilencesRequest;
import io.opsplane.proto.observability.v1.PostAlertsRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Alertmanager's API v2 ({@code /alertmanager/api/v2/...}) over observability-service's AlertManagerService, so an
 * external Prometheus uses Opsplane as its Alertmanager ({@code alerting.alertmanagers} with
 * {@code path_prefix: /alertmanager} and {@code authorization.credentials: <token>}), and amtool or Grafana read
 * alerts and manage silences with a bearer token. Bodies are Alertmanager's.
 */
@Path("/alertmanager/api/v2")
@Tag(name = "Alert manager (Alertmanager API v2)", description = "Alerts and silences in Alertmanager's API v2")
@Produces(MediaType.APPLICATION_JSON)
public class AlertmanagerApiResource {

    private static final Instant STARTED = Instant.now();

    @GrpcClient("alertmanager")
    AlertManagerServiceGrpc.AlertManagerServiceBlockingStub alertmanager;

    @Inject
    ServiceCalls calls;

    @POST
    @Path("/alerts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "alerts:write")
    @Operation(summary = "Post alerts (Alertmanager: POST /api/v2/alerts)",
            description = "What Prometheus sends to its Alertmanagers. An alert without endsAt fires until "
                    + "resolve_timeout after it was last sent; one bad alert refuses the whole post (400).")
    @APIResponse(responseCode = "200", description = "Accepted")
    @APIResponse(responseCode = "400", description = "An alert without labels, a bad label name, a bad time")
    public Response postAlerts(List<AlertViews.PostAlert> body, @HeaderParam(Correlation.HEADER) String header) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON array of alerts");
        }
        PostAlertsRequest.Builder request = PostAlertsRequest.newBuilder();
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i) == null) {
                throw new IllegalArgumentException("[" + i + "]: an alert object expected");
            }
            request.addAlerts(body.get(i).toMessage(i));
        }
        String correlation = Correlation.resolve(header);
        calls.write(correlation, alertmanager, stub -> stub.postAlerts(request.build()));
        return Response.ok().header(Correlation.HEADER, correlation).build();
    }

    @GET
    @Path("/alerts")
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "List alerts (Alertmanager: GET /api/v2/alerts)")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = AlertViews.GettableAlert[].class)))
    public Response alerts(
            @Parameter(description = "matchers such as severity=\"critical\"") @QueryParam("filter") List<String> filter,
            @QueryParam("active") Boolean active, @QueryParam("silenced") Boolean silenced,
            @QueryParam("inhibited") Boolean inhibited, @QueryParam("receiver") String receiver,
            @HeaderParam(Correlation.HEADER) String header) {
        ListAlertsRequest request = ListAlertsRequest.newBuilder().addAllFilter(filter == null ? List.of() : filter)
                .setExcludeActive(Boolean.FALSE.equals(active)).setExcludeSilenced(Boolean.FALSE.equals(silenced))
                .setExcludeInhibited(Boolean.FALSE.equals(inhibited)).build();
        String correlation = Correlation.resolve(header);
        var list = calls.read(correlation, alertmanager, stub -> stub.listAlerts(request));
        return Response.ok(list.getAlertsList().stream().map(AlertViews.GettableAlert::of)
                .filter(alert -> receiver == null || receiver.isEmpty()
                        || alert.receivers().stream().anyMatch(r -> r.name().matches(receiver)))
                .toList()).header(Correlation.HEADER, correlation).build();
    }

    @GET
    @Path("/silences")
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "List silences (Alertmanager: GET /api/v2/silences)")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = AlertViews.GettableSilence[].class)))
    public Response silences(@QueryParam("filter") List<String> filter, @HeaderParam(Correlation.HEADER) String header) {
        String correlation = Correlation.resolve(header);
        var list = calls.read(correlation, alertmanager, stub -> stub.listSilences(ListSilencesRequest.newBuilder()
                .addAllFilter(filter == null ? List.of() : filter).build()));
        return Response.ok(list.getSilencesList().stream().map(AlertViews.GettableSilence::of).toList())
                .header(Correlation.HEADER, correlation).build();
    }

    @POST
    @Path("/silences")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "alerts:silence")
    @Operation(summary = "Create or replace a silence (Alertmanager: POST /api/v2/silences)",
            description = "At least one matcher, one of which must not match the empty string; endsAt after "
                    + "startsAt; a comment. With an id, that silence ends and this one replaces it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertViews.SilenceCreated.class)))
    @APIResponse(responseCode = "400", description = "The field that is wrong")
    public Response createSilence(AlertViews.PostSilence body, @HeaderParam(Correlation.HEADER) String header) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON silence object");
        }
        CreateSilenceRequest.Builder request = CreateSilenceRequest.newBuilder();
        List<AlertViews.MatcherBody> matchers = body.matchers() == null ? List.of() : body.matchers();
        for (int i = 0; i < matchers.size(); i++) {
            if (matchers.get(i) == null) {
                throw new IllegalArgumentException("matchers[" + i + "]: a matcher object expected");
            }
            request.addMatchers(matchers.get(i).text(i));
        }
        AlertViews.time("startsAt", body.startsAt()).ifPresent(request::setStartsAt);
        request.setEndsAt(AlertViews.time("endsAt", body.endsAt())
                .orElseThrow(() -> new IllegalArgumentException("endsAt: required")));
        if (body.createdBy() != null) {
            request.setCreatedBy(body.createdBy());
        }
        if (body.comment() != null) {
            request.setComment(body.comment());
        }
        if (body.id() != null) {
            request.setId(body.id());
        }
        String correlation = Correlation.resolve(header);
        var silence = calls.write(correlation, alertmanager, stub -> stub.createSilence(request.build()));
        return Response.ok(new AlertViews.SilenceCreated(silence.getId())).header(Correlation.HEADER, correlation)
                .build();
    }

    @GET
    @Path("/silence/{id}")
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "One silence (Alertmanager: GET /api/v2/silence/{id})")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertViews.GettableSilence.class)))
    @APIResponse(responseCode = "404", description = "No such silence")
    public Response silence(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String header) {
        String correlation = Correlation.resolve(header);
        var silence = calls.read(correlation, alertmanager,
                stub -> stub.getSilence(GetSilenceRequest.newBuilder().setId(id).build()));
        return Response.ok(AlertViews.GettableSilence.of(silence)).header(Correlation.HEADER, correlation).build();
    }

    @DELETE
    @Path("/silence/{id}")
    @Extension(name = Permissions.EXTENSION, value = "alerts:silence")
    @Operation(summary = "Expire a silence now (Alertmanager: DELETE /api/v2/silence/{id})")
    @APIResponse(responseCode = "200", description = "Expired")
    @APIResponse(responseCode = "404", description = "No such silence")
    public Response expire(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String header) {
        String correlation = Correlation.resolve(header);
        calls.write(correlation, alertmanager,
                stub -> stub.expireSilence(ExpireSilenceRequest.newBuilder().setId(id).build()));
        return Response.ok().header(Correlation.HEADER, correlation).build();
    }

    @GET
    @Path("/status")
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "Status and configuration (Alertmanager: GET /api/v2/status)")
    public Response status(@HeaderParam(Correlation.HEADER) String header) {
        String correlation = Correlation.resolve(header);
        var config = calls.read(correlation, alertmanager, stub -> stub.getConfig(GetConfigRequest.getDefaultInstance()));
        Map<String, Object> status = Map.of(
                "cluster", Map.of("name", "opsplane", "status", "ready", "peers", List.of()),
                "config", Map.of("original", config.getYaml()),
                "uptime", STARTED.toString(),
                "versionInfo", Map.of("version", "0.25.0-opsplane", "branch", "", "buildDate", "", "buildUser", "",
                        "goVersion", "", "revision", ""));
        return Response.ok(status).header(Correlation.HEADER, correlation).build();
    }

    static Duration sinceStart() {
        return Duration.between(STARTED, Instant.now());
    }
}
