package io.opsplane.gateway.rest;

import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.observability.v1.AcknowledgeAlertRequest;
import io.opsplane.proto.observability.v1.AlertManagerServiceGrpc;
import io.opsplane.proto.observability.v1.DeleteEscalationPolicyRequest;
import io.opsplane.proto.observability.v1.GetConfigRequest;
import io.opsplane.proto.observability.v1.GetEscalationPolicyRequest;
import io.opsplane.proto.observability.v1.ListEscalationPoliciesRequest;
import io.opsplane.proto.observability.v1.ListNotificationsRequest;
import io.opsplane.proto.observability.v1.PutConfigRequest;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The alert manager's own API: configuration, acknowledgement, escalation policies, notification history. */
@Path("/api/v1")
@Tag(name = "Alert manager", description = "Alertmanager configuration, acknowledgements, escalation policies and "
        + "the history of every notification attempt")
@Produces(MediaType.APPLICATION_JSON)
public class AlertManagerResource {

    @GrpcClient("alertmanager")
    AlertManagerServiceGrpc.AlertManagerServiceBlockingStub alertmanager;

    @Inject
    ServiceCalls calls;

    @GET
    @Path("/alertmanager/config")
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "The Alertmanager configuration in force", description = "Version 0 is the built-in default.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertViews.ConfigView.class)))
    public Response config(@HeaderParam(Correlation.HEADER) String header) {
        String correlation = Correlation.resolve(header);
        var config = calls.read(correlation, alertmanager, stub -> stub.getConfig(GetConfigRequest.getDefaultInstance()));
        return Response.ok(AlertViews.ConfigView.of(config)).header(Correlation.HEADER, correlation).build();
    }

    @PUT
    @Path("/alertmanager/config")
    @Consumes({"application/yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Extension(name = Permissions.EXTENSION, value = "alerts:write")
    @Operation(summary = "Put a new Alertmanager configuration",
            description = "The body is Alertmanager 0.25 YAML. It is in force at once. Fields Opsplane does not "
                    + "support are refused naming the field; receiver URLs to this machine, link-local or private "
                    + "addresses are refused unless the operator allows them.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertViews.ConfigView.class)))
    @APIResponse(responseCode = "400", description = "What is wrong, with its path, line and column")
    public Response putConfig(String yaml, @HeaderParam(Correlation.HEADER) String header) {
        String correlation = Correlation.resolve(header);
        var config = calls.write(correlation, alertmanager,
                stub -> stub.putConfig(PutConfigRequest.newBuilder().setYaml(yaml == null ? "" : yaml).build()));
        return Response.ok(AlertViews.ConfigView.of(config)).header(Correlation.HEADER, correlation).build();
    }

    @POST
    @Path("/alerts/{fingerprint}/ack")
    @Extension(name = Permissions.EXTENSION, value = "alerts:write")
    @Operation(summary = "Acknowledge a firing alert", description = "The escalation of its groups stops.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertViews.Acknowledged.class)))
    @APIResponse(responseCode = "404", description = "No such alert")
    @APIResponse(responseCode = "409", description = "The alert is resolved")
    public Response acknowledge(@PathParam("fingerprint") String fingerprint,
            @HeaderParam(Correlation.HEADER) String header) {
        String correlation = Correlation.resolve(header);
        var ack = calls.write(correlation, alertmanager, stub -> stub.acknowledgeAlert(
                AcknowledgeAlertRequest.newBuilder().setFingerprint(fingerprint).build()));
        return Response.ok(new AlertViews.Acknowledged(ack.getFingerprint(), ack.getGroupKeysList(),
                ack.getAcknowledgedBy(), AlertViews.text(ack.getAcknowledgedAt())))
                .header(Correlation.HEADER, correlation).build();
    }

    @GET
    @Path("/escalation-policies")
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "The escalation policies")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertViews.Policy[].class)))
    public Response policies(@HeaderParam(Correlation.HEADER) String header) {
        String correlation = Correlation.resolve(header);
        var list = calls.read(correlation, alertmanager,
                stub -> stub.listEscalationPolicies(ListEscalationPoliciesRequest.getDefaultInstance()));
        return Response.ok(list.getPoliciesList().stream().map(AlertViews.Policy::of).toList())
                .header(Correlation.HEADER, correlation).build();
    }

    @GET
    @Path("/escalation-policies/{name}")
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "One escalation policy")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertViews.Policy.class)))
    @APIResponse(responseCode = "404", description = "No such policy")
    public Response policy(@PathParam("name") String name, @HeaderParam(Correlation.HEADER) String header) {
        String correlation = Correlation.resolve(header);
        var policy = calls.read(correlation, alertmanager,
                stub -> stub.getEscalationPolicy(GetEscalationPolicyRequest.newBuilder().setName(name).build()));
        return Response.ok(AlertViews.Policy.of(policy)).header(Correlation.HEADER, correlation).build();
    }

    @PUT
    @Path("/escalation-policies/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "alerts:write")
    @Operation(summary = "Create or replace an escalation policy",
            description = "`matchers` select the alert groups (by their common labels); each level's `receivers` "
                    + "(names from the configuration) are notified once the group has fired for its `delay` "
                    + "(such as 15m), unless someone acknowledged it. Delays strictly increase.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertViews.Policy.class)))
    @APIResponse(responseCode = "400", description = "The field that is wrong")
    public Response putPolicy(@PathParam("name") String name, AlertViews.Policy body,
            @HeaderParam(Correlation.HEADER) String header) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with matchers and levels");
        }
        String correlation = Correlation.resolve(header);
        var policy = calls.write(correlation, alertmanager, stub -> stub.putEscalationPolicy(body.toMessage(name)));
        return Response.ok(AlertViews.Policy.of(policy)).header(Correlation.HEADER, correlation).build();
    }

    @DELETE
    @Path("/escalation-policies/{name}")
    @Extension(name = Permissions.EXTENSION, value = "alerts:write")
    @Operation(summary = "Delete an escalation policy")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such policy")
    public Response deletePolicy(@PathParam("name") String name, @HeaderParam(Correlation.HEADER) String header) {
        String correlation = Correlation.resolve(header);
        calls.write(correlation, alertmanager,
                stub -> stub.deleteEscalationPolicy(DeleteEscalationPolicyRequest.newBuilder().setName(name).build()));
        return Response.noContent().header(Correlation.HEADER, correlation).build();
    }

    @GET
    @Path("/notifications")
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "The notification history, newest first",
            description = "Every attempt: group key, receiver, integration, why it was sent, payload digest, "
                    + "status, HTTP status, latency, error, time.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertViews.Attempts.class)))
    @APIResponse(responseCode = "400", description = "A bad filter, limit or cursor")
    public Response notifications(@QueryParam("receiver") String receiver, @QueryParam("groupKey") String groupKey,
            @Parameter(description = "sent or failed") @QueryParam("status") String status,
            @Parameter(description = "RFC 3339") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339") @QueryParam("to") String to,
            @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @HeaderParam(Correlation.HEADER) String header) {
        ListNotificationsRequest.Builder request = ListNotificationsRequest.newBuilder()
                .setReceiver(receiver == null ? "" : receiver).setGroupKey(groupKey == null ? "" : groupKey)
                .setStatus(status == null ? "" : status).setLimit(limit == null ? 0 : limit)
                .setCursor(cursor == null ? "" : cursor);
        AlertViews.time("from", from).ifPresent(request::setFrom);
        AlertViews.time("to", to).ifPresent(request::setTo);
        String correlation = Correlation.resolve(header);
        var page = calls.read(correlation, alertmanager, stub -> stub.listNotifications(request.build()));
        return Response.ok(AlertViews.Attempts.of(page)).header(Correlation.HEADER, correlation).build();
    }
}
