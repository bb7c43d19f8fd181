package io.opsplane.pipeline.grpc;

import io.opsplane.pipeline.domain.PipelineVersion;
import io.opsplane.pipeline.service.PipelineRegistry;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.pipeline.v1.GetPipelineRequest;
import io.opsplane.proto.pipeline.v1.Pipeline;
import io.opsplane.proto.pipeline.v1.PipelineService;
import io.opsplane.proto.pipeline.v1.RegisterPipelineRequest;
import io.opsplane.proto.pipeline.v1.RegisterPipelineResponse;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** gRPC adapter of {@link PipelineRegistry}; decides on the pipeline each request names. */
@GrpcService
public class PipelineGrpcService implements PipelineService {

    @Inject
    PipelineRegistry registry;

    @Override
    public Uni<RegisterPipelineResponse> registerPipeline(RegisterPipelineRequest request) {
        return Uni.createFrom().deferred(() -> {
            // Who registers is the verified caller; a name in the request is not trusted.
            String caller = Callers.require("pipelines:write", ResourceRef.of("pipeline", request.getName())).subject();
            return registry.register(request.getName(), request.getDefinition(), caller);
        })
                .map(registration -> RegisterPipelineResponse.newBuilder()
                        .setVersion(version(registration.pipeline().name, registration.version()))
                        .setCreated(registration.created()).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Pipeline> getPipeline(GetPipelineRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("pipelines:read", ResourceRef.of("pipeline", request.getName()));
            return registry.get(request.getName());
        }).map(found -> {
            Pipeline.Builder pipeline = Pipeline.newBuilder().setName(found.pipeline().name)
                    .setCreatedAt(Timestamps.of(found.pipeline().createdAt));
            found.versions().forEach(v -> pipeline.addVersions(version(found.pipeline().name, v)));
            return pipeline.build();
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    private static io.opsplane.proto.pipeline.v1.PipelineVersion version(String name, PipelineVersion version) {
        return io.opsplane.proto.pipeline.v1.PipelineVersion.newBuilder().setPipelineName(name)
                .setVersion(version.version).setSha256(version.sha256).setDefinition(version.definition)
                .setRegisteredBy(version.registeredBy)
                .setRegisteredAt(Timestamps.of(version.registeredAt)).build();
    }
}
