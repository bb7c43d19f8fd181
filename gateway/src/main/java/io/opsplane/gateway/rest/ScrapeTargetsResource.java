package io.opsplane.gateway.rest;

import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.observability.v1.CreateScrapeTargetRequest;
import io.opsplane.proto.observability.v1.DeleteScrapeTargetRequest;
import io.opsplane.proto.observability.v1.GetScrapeTargetRequest;
import io.opsplane.proto.observability.v1.ListScrapeTargetsRequest;
import io.opsplane.proto.observability.v1.ScrapeTarget;
import io.opsplane.proto.observability.v1.ScrapeTargetServiceGrpc;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Scrape jobs users add to the metrics store: the store discovers them next to the platform's own components
 * within its discovery refresh interval (1 s on the local platform) and scrapes each address.
 */
@Path("/api/v1/scrape-targets")
@Tag(name = "Scrape targets", description = "Exporters and applications the metrics store scrapes, besides the "
        + "platform's own components")
@Produces(MediaType.APPLICATION_JSON)
public class ScrapeTargetsResource {

    @GrpcClient("metrics")
    ScrapeTargetServiceGrpc.ScrapeTargetServiceBlockingStub targets;

    @Inject
    ServiceCalls calls;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "metrics:write")
    @Operation(summary = "Add a scrape job", description = "Addresses on private networks and this machine are "
            + "allowed; link-local (169.254.0.0/16, fe80::/10), multicast and reserved addresses are refused.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation =
            ScrapeTargetViews.ScrapeTargetView.class)))
    @APIResponse(responseCode = "400", description = "A field is wrong; the message names it")
    @APIResponse(responseCode = "409", description = "A job of that name exists")
    public Response create(ScrapeTargetViews.NewScrapeTarget body,
            @HeaderParam(Correlation.HEADER) String correlationHeader) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object with name and targets (or httpSdUrl)");
        }
        ScrapeTarget.Builder target = ScrapeTarget.newBuilder().setName(Views.orEmpty(body.name()))
                .setMetricsPath(Views.orEmpty(body.metricsPath())).setScheme(Views.orEmpty(body.scheme()))
                .setHttpSdUrl(Views.orEmpty(body.httpSdUrl()))
                .setHttpSdRefreshInterval(Views.orEmpty(body.httpSdRefreshInterval()));
        if (body.targets() != null) {
            body.targets().forEach(address -> target.addTargets(Views.orEmpty(address)));
        }
        if (body.labels() != null) {
            body.labels().forEach((name, value) -> target.putLabels(Views.orEmpty(name), Views.orEmpty(value)));
        }
        String correlationId = Correlation.resolve(correlationHeader);
        var created = calls.write(correlationId, targets, stub -> stub.createScrapeTarget(
                CreateScrapeTargetRequest.newBuilder().setTarget(target).build()));
        return Response.status(201).entity(ScrapeTargetViews.ScrapeTargetView.of(created))
                .header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Extension(name = Permissions.EXTENSION, value = "metrics:read")
    @Operation(summary = "Every user scrape job, by name")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation =
            ScrapeTargetViews.ScrapeTargetList.class)))
    public Response list(@HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var all = calls.read(correlationId, targets, stub -> stub.listScrapeTargets(
                ListScrapeTargetsRequest.getDefaultInstance()));
        return Response.ok(new ScrapeTargetViews.ScrapeTargetList(all.getTargetsList().stream()
                .map(ScrapeTargetViews.ScrapeTargetView::of).toList())).header(Correlation.HEADER, correlationId).build();
    }

    @GET
    @Path("/{name}")
    @Extension(name = Permissions.EXTENSION, value = "metrics:read")
    @Operation(summary = "One scrape job")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation =
            ScrapeTargetViews.ScrapeTargetView.class)))
    @APIResponse(responseCode = "404", description = "No job of that name")
    public Response get(@PathParam("name") String name, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        var target = calls.read(correlationId, targets, stub -> stub.getScrapeTarget(
                GetScrapeTargetRequest.newBuilder().setName(name).build()));
        return Response.ok(ScrapeTargetViews.ScrapeTargetView.of(target)).header(Correlation.HEADER, correlationId)
                .build();
    }

    @DELETE
    @Path("/{name}")
    @Extension(name = Permissions.EXTENSION, value = "metrics:write")
    @Operation(summary = "Remove a scrape job", description = "The store stops scraping it at its next discovery "
            + "refresh.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No job of that name")
    public Response delete(@PathParam("name") String name, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        calls.write(correlationId, targets, stub -> stub.deleteScrapeTarget(
                DeleteScrapeTargetRequest.newBuilder().setName(name).build()));
        return Response.noContent().header(Correlation.HEADER, correlationId).build();
    }
}
