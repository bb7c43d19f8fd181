package io.opsplane.observability.rest;

import io.opsplane.observability.config.MetricsConfig;
import io.opsplane.observability.discovery.DiscoveryAccess;
import io.opsplane.observability.discovery.DiscoveryDocument;
import io.opsplane.observability.discovery.ScrapeTargets;
import io.opsplane.observability.discovery.UserScrapeTarget;
import io.opsplane.observability.targets.DeployedInstances;
import io.opsplane.observability.targets.HttpSdSources;
import io.opsplane.observability.targets.ScrapeTargetRegistry;
import io.opsplane.platform.manifest.PlatformManifest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@value #PATH}: the scrape targets as Prometheus HTTP service discovery, for the metrics store only (its bearer
 * token, see {@link DiscoveryAccess}): the platform's own components, fixed at start-up, then the application
 * instances deploy-service runs and the jobs users added, read on every request so each instance of this service
 * answers the same (the targets of jobs with an HTTP discovery endpoint as this instance last read them).
 */
@ApplicationScoped
public class DiscoveryRoute {

    public static final String PATH = "/discovery/v1/targets";

    @Inject
    MetricsConfig config;

    @Inject
    ScrapeTargetRegistry userTargets;

    @Inject
    DeployedInstances deployedInstances;

    @Inject
    HttpSdSources httpSd;

    void install(@Observes Router router) {
        MetricsConfig.Discovery discovery = config.discovery();
        DiscoveryAccess access = DiscoveryAccess.of(discovery.tokenFile().filter(file -> !file.isBlank())
                .map(DiscoveryRoute::read));
        List<ScrapeTargets.TargetGroup> platform = ScrapeTargets.of(PlatformManifest.load().components(),
                discovery.host(), discovery.portOffset(), discovery.runners(), discovery.runnerHttpPort());
        String instanceHost = ScrapeTargets.hostOf(discovery.host(), "deploy-service");
        router.get(PATH).handler(context -> answer(context, access, platform, instanceHost));
    }

    private void answer(RoutingContext context, DiscoveryAccess access, List<ScrapeTargets.TargetGroup> platform,
            String instanceHost) {
        var response = context.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        switch (access.decide(context.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            case ALLOWED -> deployedInstances.groups(instanceHost).flatMap(instances -> userTargets.jobs()
                    .map(users -> {
                        List<ScrapeTargets.TargetGroup> all = new ArrayList<>(platform);
                        all.addAll(instances);
                        for (UserScrapeTarget job : users) {
                            all.addAll(job.httpSd().isPresent() ? httpSd.groups(job) : List.of(job.group()));
                        }
                        return all;
                    })).subscribe().with(all -> {
                response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(DiscoveryDocument.json(all));
            }, failure -> problem(response, 503, "Service Unavailable",
                    "the deployed instances and users' scrape jobs cannot be read now: "
                            + failure.getClass().getSimpleName()));
            case UNAUTHENTICATED -> problem(response.putHeader("WWW-Authenticate", "Bearer"), 401,
                    "Unauthorized", "the scrape targets are for the metrics store: present its discovery token "
                            + "(Authorization: Bearer <token>)");
            case DISABLED -> problem(response, 403, "Forbidden",
                    "scrape discovery is off: no discovery token is configured (opsplane.metrics.discovery.token-file)");
        }
    }

    private static void problem(io.vertx.core.http.HttpServerResponse response, int status, String title,
            String detail) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the metrics discovery token in " + file + ": " + e, e);
        }
    }
}
