package io.opsplane.gateway.rest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.observability.v1.DeleteRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.GetRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.ListRulesRequest;
import io.opsplane.proto.observability.v1.PutRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.RulesServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Prometheus rule files, one per namespace, over observability-service's RulesService. A file goes in as YAML, exactly
 * as Prometheus reads it; answers are the proto JSON mapping of RulesService's messages.
 */
@Path("/api/v1/rules")
@Tag(name = "Rules", description = "Alerting and recording rules in Prometheus's rule-file format")
public class RulesResource {

    private static final String YAML = "application/yaml";
    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    @GrpcClient("rules")
    RulesServiceGrpc.RulesServiceBlockingStub rules;

    @Inject
    ServiceCalls calls;

    @PUT
    @Path("/{namespace}")
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "alerts:write")
    @Operation(summary = "Create or replace a namespace's rule file",
            description = "The body is a Prometheus rule file (groups: [{name, interval, limit, rules: [{alert|record, "
                    + "expr, for, keep_firing_for, labels, annotations}]}]). Its groups are evaluated at once by one "
                    + "observability-service instance each; the answer is the stored namespace with its new version.")
    @RequestBody(content = @Content(mediaType = YAML, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "RuleNamespace (proto JSON): namespace, version, groups, updatedAt, updatedBy")
    @APIResponse(responseCode = "400", description = "A bad namespace name, or a file Prometheus would refuse: every problem "
            + "named with line, column, group and rule; nothing is stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "A file over the gateway's body limit")
    public Response put(@Parameter(description = "letters, digits, '_', '-', '.'") @PathParam("namespace") String namespace,
            String yaml, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var stored = calls.write(correlationId, rules, stub -> stub.putRuleNamespace(PutRuleNamespaceRequest.newBuilder()
                .setNamespace(namespace).setYaml(yaml == null ? "" : yaml).build()));
        return json(stored, correlationId);
    }

    @GET
    @Path("/{namespace}")
    @Produces(YAML)
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "A namespace's rule file, as it was put")
    @APIResponse(responseCode = "200", description = "The YAML text", content = @Content(mediaType = YAML))
    @APIResponse(responseCode = "404", description = "No such namespace")
    public Response get(@PathParam("namespace") String namespace, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var stored = calls.read(correlationId, rules, stub -> stub.getRuleNamespace(GetRuleNamespaceRequest.newBuilder()
                .setNamespace(namespace).build()));
        return Response.ok(stored.getYaml(), YAML).header("ETag", "\"" + stored.getVersion() + "\"")
                .header(Correlation.HEADER, correlationId).build();
    }

    @DELETE
    @Path("/{namespace}")
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "alerts:write")
    @Operation(summary = "Delete a namespace; its groups stop being evaluated")
    @APIResponse(responseCode = "200", description = "{version}: the version the deletion was recorded as")
    @APIResponse(responseCode = "404", description = "No such namespace")
    public Response delete(@PathParam("namespace") String namespace,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var deleted = calls.write(correlationId, rules, stub -> stub.deleteRuleNamespace(
                DeleteRuleNamespaceRequest.newBuilder().setNamespace(namespace).build()));
        return json(deleted, correlationId);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "alerts:read")
    @Operation(summary = "Every group and rule with its health, last error, last evaluation and alerts")
    @APIResponse(responseCode = "200", description = "ListRulesResponse (proto JSON): groups [{namespace, name, interval, "
            + "limit, rules [{rule, health, lastError, lastEvaluation, evaluationTime, state, alerts}], lastEvaluation, "
            + "evaluationTime, evaluator}]")
    @APIResponse(responseCode = "400", description = "A bad namespace or type")
    public Response list(@Parameter(description = "only this namespace") @QueryParam("namespace") String namespace,
            @Parameter(description = "alert or record") @QueryParam("type") String type,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var list = calls.read(correlationId, rules, stub -> stub.listRules(ListRulesRequest.newBuilder()
                .setNamespace(namespace == null ? "" : namespace).setType(type == null ? "" : type).build()));
        return json(list, correlationId);
    }

    private static Response json(MessageOrBuilder message, String correlationId) {
        try {
            return Response.ok(JSON.print(message), MediaType.APPLICATION_JSON).header(Correlation.HEADER, correlationId)
                    .build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
