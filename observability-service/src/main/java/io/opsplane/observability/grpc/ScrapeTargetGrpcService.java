package io.opsplane.observability.grpc;

import io.opsplane.observability.promql.Durations;
import io.opsplane.observability.targets.HttpSdSources;
import io.opsplane.observability.targets.ScrapeTargetRegistry;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.observability.v1.CreateScrapeTargetRequest;
import io.opsplane.proto.observability.v1.DeleteScrapeTargetRequest;
import io.opsplane.proto.observability.v1.DeleteScrapeTargetResponse;
import io.opsplane.proto.observability.v1.GetScrapeTargetRequest;
import io.opsplane.proto.observability.v1.HttpSdStatus;
import io.opsplane.proto.observability.v1.ListScrapeTargetsRequest;
import io.opsplane.proto.observability.v1.ListScrapeTargetsResponse;
import io.opsplane.proto.observability.v1.ScrapeTarget;
import io.opsplane.proto.observability.v1.ScrapeTargetService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** gRPC adapter of users' scrape jobs. */
@GrpcService
public class ScrapeTargetGrpcService implements ScrapeTargetService {

    @Inject
    ScrapeTargetRegistry registry;

    @Inject
    HttpSdSources httpSd;

    @Override
    public Uni<ScrapeTarget> createScrapeTarget(CreateScrapeTargetRequest request) {
        return Uni.createFrom().deferred(() -> {
            ScrapeTarget target = request.getTarget();
            String caller = Callers.require("metrics:write", ResourceRef.of("scrape-target", target.getName()))
                    .subject();
            return registry.create(target.getName(), target.getTargetsList(), target.getLabelsMap(),
                    target.getMetricsPath(), target.getScheme(), target.getHttpSdUrl(),
                    target.getHttpSdRefreshInterval(), caller);
        }).invoke(created -> httpSd.jobsChanged()).map(this::message).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ScrapeTarget> getScrapeTarget(GetScrapeTargetRequest request) {
        return Uni.createFrom().deferred(() -> registry.get(request.getName())).map(this::message)
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ListScrapeTargetsResponse> listScrapeTargets(ListScrapeTargetsRequest request) {
        return Uni.createFrom().deferred(() -> registry.list())
                .map(all -> ListScrapeTargetsResponse.newBuilder()
                        .addAllTargets(all.stream().map(this::message).toList()).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<DeleteScrapeTargetResponse> deleteScrapeTarget(DeleteScrapeTargetRequest request) {
        return Uni.createFrom().deferred(() -> {
            String caller = Callers.require("metrics:write", ResourceRef.of("scrape-target", request.getName()))
                    .subject();
            return registry.delete(request.getName(), caller);
        }).invoke(deleted -> httpSd.jobsChanged()).replaceWith(DeleteScrapeTargetResponse.getDefaultInstance()).onFailure().transform(GrpcErrors::toStatus);
    }

    private ScrapeTarget message(ScrapeTargetRegistry.Stored stored) {
        var target = stored.target();
        ScrapeTarget.Builder message = ScrapeTarget.newBuilder().setName(target.name()).addAllTargets(target.targets())
                .putAllLabels(target.labels()).setMetricsPath(target.metricsPath()).setScheme(target.scheme())
                .setCreatedBy(stored.createdBy()).setCreatedAt(Timestamps.of(stored.createdAt()));
        target.httpSd().ifPresent(sd -> {
            message.setHttpSdUrl(sd.url().toString())
                    .setHttpSdRefreshInterval(Durations.format(sd.refreshInterval().toMillis()));
            httpSd.status(target.name()).ifPresent(status -> message.setHttpSdStatus(HttpSdStatus.newBuilder()
                    .setLastRefresh(Timestamps.of(status.lastRefresh())).setTargets(status.targets())
                    .setLastError(status.lastError())));
        });
        return message.build();
    }
}
