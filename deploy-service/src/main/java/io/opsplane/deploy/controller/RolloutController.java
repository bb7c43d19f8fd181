package io.opsplane.deploy.controller;

import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.opsplane.deploy.config.DeployConfig;
import io.opsplane.deploy.rollout.TrafficWeights;
import io.opsplane.deploy.service.AnalysisRecords;
import io.opsplane.deploy.service.DeployPaths;
import io.opsplane.deploy.service.Deployments;
import io.opsplane.deploy.service.InstanceRecords;
import io.opsplane.deploy.service.RolloutReconciler;
import io.opsplane.platform.auth.ServiceCredentials;
import io.opsplane.proto.observability.v1.MetricsServiceGrpc;
import io.opsplane.proto.observability.v1.QueryRequest;
import io.opsplane.proto.observability.v1.QueryResult;
import io.opsplane.proto.observability.v1.ResultType;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The thin loop that brings the world to what the database says, and the database to what the world reports.
 * Each pass: the router applies every target's weights (and HAProxy is started or restarted as needed), the
 * local target starts, adopts and stops instances, due analysis measurements are taken through
 * observability-service, and every rollout that is not finished gets a decision from RolloutEngine. Passes run
 * every tick and at once when something was reported; one pass at a time.
 */
@ApplicationScoped
public class RolloutController {

    private static final Logger LOG = Logger.getLogger(RolloutController.class);
    private static final Duration QUERY_DEADLINE = Duration.ofSeconds(10);

    @Inject
    DeployConfig config;

    @Inject
    DeployPaths paths;

    @Inject
    RolloutReconciler reconciler;

    @Inject
    Deployments deployments;

    @Inject
    InstanceRecords instanceRecords;

    @Inject
    AnalysisRecords analysisRecords;

    @Inject
    ServiceCredentials credentials;

    @GrpcClient("metrics")
    MetricsServiceGrpc.MetricsServiceBlockingStub metrics;

    private ScheduledExecutorService loop;
    private ScheduledFuture<?> ticking;
    private volatile RouterRuntime router;
    private volatile LocalTarget local;
    private volatile boolean wakeRequested;

    void onStart(@Observes StartupEvent event) {
        if (config.controllerEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the loop: instances and HAProxy left by an earlier deploy-service are adopted on the first pass. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        router = new RouterRuntime(paths.state().resolve("haproxy"), config.haproxyBin());
        local = new LocalTarget(paths.state().resolve("logs"), paths.artifacts(), config.instanceReadyTimeout(),
                config.instanceStopGrace(), new Recorder());
        RouterRuntime current = router;
        deployments.routerWeights(current::observed);
        loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deploy-controller");
            thread.setDaemon(true);
            return thread;
        });
        ticking = loop.scheduleWithFixedDelay(this::pass, 0, config.tick().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the loop as a crash would leave things: instances and HAProxy keep running and serving, and the next
     * {@link #start} (or the next deploy-service) adopts them.
     */
    public synchronized void stop() {
        if (loop == null) {
            return;
        }
        ticking.cancel(false);
        loop.shutdownNow();
        try {
            loop.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        local.close();
        router.close();
        deployments.routerWeights(backend -> Optional.empty());
        loop = null;
    }

    /** Stops HAProxy too (for tests and for a platform shutting down on purpose). */
    public synchronized void stopRouter() {
        if (router != null) {
            router.stop();
        }
    }

    /** The pid of the HAProxy in use, or 0. */
    public long routerPid() {
        RouterRuntime current = router;
        return current == null ? 0 : current.pid();
    }

    /** Asks for a pass as soon as the current one is over. */
    public void wakeUp() {
        ScheduledExecutorService current = loop;
        if (current != null && !wakeRequested) {
            wakeRequested = true;
            try {
                current.execute(this::pass);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                wakeRequested = false;
            }
        }
    }

    private void pass() {
        wakeRequested = false;
        try {
            Snapshot snapshot = VertxContextSupport.subscribeAndAwait(Snapshot::load);
            try {
                router.converge(snapshot, local::serving);
            } catch (RuntimeException e) {
                LOG.warnf("the router could not be brought up to date: %s", e.getMessage());
            }
            local.converge(snapshot, router.routed());
            measure();
            for (UUID id : snapshot.rolloutsToReconcile()) {
                try {
                    VertxContextSupport.subscribeAndAwait(() -> reconciler.reconcile(id, Optional.empty(),
                            router::observed, "deploy-service"));
                } catch (RuntimeException e) {
                    LOG.warnf("deployment %s: %s", id, e.getMessage());
                }
            }
        } catch (Throwable e) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            LOG.warnf("a pass of the rollout controller failed: %s", e.toString());
        }
    }

    private void measure() throws Throwable {
        Instant now = Instant.now();
        List<AnalysisRecords.Due> due = VertxContextSupport.subscribeAndAwait(() -> analysisRecords.due(now));
        List<AnalysisRecords.Taken> taken = new ArrayList<>();
        for (AnalysisRecords.Due metric : due) {
            taken.add(query(metric));
        }
        List<UUID> ended = VertxContextSupport.subscribeAndAwait(() -> analysisRecords.record(taken));
        if (!ended.isEmpty()) {
            wakeUp();
        }
    }

    /** One measurement: the query's result through observability-service, or why there is none. */
    private AnalysisRecords.Taken query(AnalysisRecords.Due due) {
        Instant at = Instant.now();
        try {
            Metadata metadata = credentials.metadata("to query metrics for analysis");
            QueryResult result = metrics.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                    .withDeadlineAfter(QUERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .query(QueryRequest.newBuilder().setQuery(due.query()).build());
            if (result.getResultType() == ResultType.SCALAR) {
                return new AnalysisRecords.Taken(due, at, false, List.of(result.getPoint().getValue()), "");
            }
            if (result.getResultType() == ResultType.VECTOR) {
                List<Double> values = new ArrayList<>();
                result.getSeriesList().forEach(series -> series.getSamplesList().forEach(sample -> values.add(sample.getValue())));
                return new AnalysisRecords.Taken(due, at, true, values, "");
            }
            return new AnalysisRecords.Taken(due, at, false, List.of(), "the query answered a " + result.getResultType()
                    + "; analysis needs a scalar or an instant vector");
        } catch (StatusRuntimeException e) {
            return new AnalysisRecords.Taken(due, at, false, List.of(), e.getStatus().getCode() + ": "
                    + e.getStatus().getDescription());
        }
    }

    /** Records what the local target reports, and looks again at once. */
    private final class Recorder implements LocalTarget.Reports {

        @Override
        public void running(String name, long pid, Instant startedAt, int port, boolean adopted) {
            record(() -> instanceRecords.running(name, pid, startedAt, port, adopted));
        }

        @Override
        public void crashed(String name, long pid, int exitCode, int crashesInARow, Duration restartIn) {
            record(() -> instanceRecords.crashed(name, pid, exitCode, crashesInARow, restartIn));
        }

        @Override
        public void startFailed(String name, String reason) {
            record(() -> instanceRecords.startFailed(name));
        }

        @Override
        public void stopped(String name) {
            record(() -> instanceRecords.stopped(name));
        }

        private void record(java.util.function.Supplier<io.smallrye.mutiny.Uni<Void>> write) {
            try {
                VertxContextSupport.subscribeAndAwait(write);
            } catch (Throwable e) {
                LOG.warnf("recording an instance report failed: %s", e.toString());
            }
            wakeUp();
        }
    }

    /** What the router reported for a backend at the last pass. */
    public Optional<TrafficWeights> observedWeights(String backend) {
        RouterRuntime current = router;
        return current == null ? Optional.empty() : current.observed(backend);
    }
}
