package io.opsplane.gateway.rest;

import com.google.protobuf.ByteString;
import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.ReceiveWebhookRequest;
import io.opsplane.proto.pipeline.v1.ReceiveWebhookResponse;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhook deliveries from GitHub and GitLab. They carry no API token: the gateway lets them through
 * without one and relays the raw body and the signature headers, as itself ({@code pipelines:hook}), to
 * pipeline-service, which checks the signature against the pipeline's hook secret.
 */
@Path("/api/v1/hooks")
@Tag(name = "Webhooks", description = "Pushes from GitHub and GitLab start runs of bound pipelines")
@Produces(MediaType.APPLICATION_JSON)
public class HooksResource {

    /** The request paths that need no bearer token. */
    public static final java.util.regex.Pattern UNAUTHENTICATED_PATH =
            java.util.regex.Pattern.compile("^/api/v1/hooks/(github|gitlab)/[a-z0-9][a-z0-9-]{0,62}$");

    private static final List<String> RELAYED = List.of("x-hub-signature-256", "x-github-event",
            "x-github-delivery", "x-gitlab-token", "x-gitlab-event", "x-gitlab-event-uuid", "content-type");

    @GrpcClient("pipelines")
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelines;

    @Inject
    ServiceCalls calls;

    @POST
    @Path("/github/{pipeline}")
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirements
    @Extension(name = Permissions.EXTENSION, value = "pipelines:hook")
    @Operation(summary = "A GitHub webhook delivery (no token: authenticated by X-Hub-Signature-256)",
            description = "The push event of a branch or tag the pipeline's source takes starts a run of the pushed "
                    + "commit. X-Hub-Signature-256 must be the HMAC-SHA256 of the raw body with the pipeline's hook "
                    + "secret; a delivery id (X-GitHub-Delivery) seen before starts nothing.")
    @APIResponse(responseCode = "202", description = "A run was started, or the delivery was ignored",
            content = @Content(schema = @Schema(implementation = SourceViews.Delivery.class)))
    @APIResponse(responseCode = "200", description = "A redelivery: nothing started again")
    @APIResponse(responseCode = "401", description = "Missing or bad signature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response github(@PathParam("pipeline") String pipeline, byte[] body, @Context HttpHeaders headers) {
        return relay("github", pipeline, body, headers);
    }

    @POST
    @Path("/gitlab/{pipeline}")
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirements
    @Extension(name = Permissions.EXTENSION, value = "pipelines:hook")
    @Operation(summary = "A GitLab webhook delivery (no token: authenticated by X-Gitlab-Token)",
            description = "A Push Hook or Tag Push Hook of a branch or tag the pipeline's source takes starts a run "
                    + "of the pushed commit. X-Gitlab-Token must equal the pipeline's hook secret; a delivery id "
                    + "(X-Gitlab-Event-UUID) seen before starts nothing.")
    @APIResponse(responseCode = "202", description = "A run was started, or the delivery was ignored",
            content = @Content(schema = @Schema(implementation = SourceViews.Delivery.class)))
    @APIResponse(responseCode = "200", description = "A redelivery: nothing started again")
    @APIResponse(responseCode = "401", description = "Missing or bad token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response gitlab(@PathParam("pipeline") String pipeline, byte[] body, @Context HttpHeaders headers) {
        return relay("gitlab", pipeline, body, headers);
    }

    private Response relay(String provider, String pipeline, byte[] body, HttpHeaders headers) {
        String correlationId = Correlation.resolve(headers.getHeaderString(Correlation.HEADER));
        ReceiveWebhookRequest.Builder request = ReceiveWebhookRequest.newBuilder().setProvider(provider)
                .setPipelineName(pipeline).setBody(ByteString.copyFrom(body == null ? new byte[0] : body));
        for (String name : RELAYED) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                request.putHeaders(name.toLowerCase(Locale.ROOT), value);
            }
        }
        ReceiveWebhookResponse response = calls.writeAsGateway(correlationId, pipelines,
                stub -> stub.receiveWebhook(request.build()));
        return Response.status("duplicate".equals(response.getOutcome()) ? 200 : 202)
                .entity(new SourceViews.Delivery(response.getOutcome(), response.getDetail(),
                        response.getRunId().isEmpty() ? null : response.getRunId()))
                .header(Correlation.HEADER, correlationId).build();
    }
}
