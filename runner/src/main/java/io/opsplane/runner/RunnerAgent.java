package io.opsplane.runner;

import io.grpc.StatusRuntimeException;
import io.opsplane.proto.pipeline.v1.AcquireJobRequest;
import io.opsplane.proto.pipeline.v1.AcquireJobResponse;
import io.opsplane.proto.pipeline.v1.RegisterRunnerRequest;
import io.opsplane.proto.pipeline.v1.RegisteredRunner;
import io.opsplane.proto.pipeline.v1.RunnerServiceGrpc.RunnerServiceBlockingStub;
import io.opsplane.runner.executor.JobExecutor;
import io.opsplane.runner.executor.JobExecutors;
import java.nio.file.Path;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The runner: registers with pipeline-service, then each of its slots long-polls for a job and runs it.
 * A queued job reaches a waiting slot as soon as it is queued; there is no polling interval to wait out.
 */
@ApplicationScoped
public class RunnerAgent {

    private static final Logger LOG = Logger.getLogger(RunnerAgent.class);

    @GrpcClient("pipeline")
    @RegisterClientInterceptor(RunnerToken.class)
    RunnerServiceBlockingStub runners;

    @GrpcClient("pipeline")
    @RegisterClientInterceptor(RunnerToken.class)
    io.opsplane.proto.pipeline.v1.RunnerService uploads;

    @Inject
    RunnerConfig config;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    private final List<Thread> slots = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean running;
    private volatile String runnerId;
    private ScheduledExecutorService timers;
    private ScheduledExecutorService heartbeats;

    void start(@Observes StartupEvent event) {
        // The jobs' private files (scripts) live beside the workspaces, outside them.
        JobExecutor executor = JobExecutors.select(config.executor(), Path.of(config.buildsDir(), ".scripts"));
        int slots = Math.max(1, config.concurrency());
        timers = Executors.newScheduledThreadPool(slots, daemon("runner-log-timers"));
        // Lease renewals never wait behind a slow log send: a starved heartbeat loses the job.
        heartbeats = Executors.newScheduledThreadPool(slots, daemon("runner-heartbeats"));
        running = true;
        Thread starter = new Thread(() -> registerAndServe(executor), "runner-register");
        starter.setDaemon(true);
        starter.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        slots.forEach(Thread::interrupt);
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        if (timers != null) {
            timers.shutdownNow();
        }
    }

    /** The id pipeline-service gave this runner; null until registered. */
    public String runnerId() {
        return runnerId;
    }

    public int busySlots() {
        return busy.get();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void registerAndServe(JobExecutor executor) {
        RegisteredRunner registered = register(executor);
        if (registered == null) {
            return;
        }
        runnerId = registered.getRunnerId();
        Duration heartbeat = Duration.ofMillis(Math.max(200, registered.getHeartbeatMillis()));
        LOG.infof("runner %s registered as %s: %d slot(s), %s executor, tags %s", config.name(), runnerId,
                config.concurrency(), executor.name(), config.tags().orElse(List.of()));
        for (int slot = 0; slot < Math.max(1, config.concurrency()); slot++) {
            // Archives in transit live beside the workspaces, outside them.
            ArtifactTransfer transfer = new ArtifactTransfer(runners, uploads, Path.of(config.buildsDir(), ".artifacts"));
            JobWorker worker = new JobWorker(runners, executor, config, heartbeat, timers, heartbeats, transfer);
            Thread thread = new Thread(() -> serve(worker), "runner-slot-" + slot);
            thread.setDaemon(true);
            slots.add(thread);
            thread.start();
        }
    }

    private RegisteredRunner register(JobExecutor executor) {
        RegisterRunnerRequest request = RegisterRunnerRequest.newBuilder().setName(config.name())
                .addAllTags(config.tags().orElse(List.of())).setRunUntagged(config.runUntagged())
                .setExecutor(executor.name()).setVersion(version).setConcurrency(config.concurrency()).build();
        while (running) {
            try {
                return runners.withDeadlineAfter(10, TimeUnit.SECONDS).registerRunner(request);
            } catch (StatusRuntimeException e) {
                LOG.warnf("registering with pipeline-service failed (%s), trying again", e.getStatus());
                sleep(Duration.ofSeconds(1));
            }
        }
        return null;
    }

    private void serve(JobWorker worker) {
        long waitMillis = config.acquireWait().toMillis();
        while (running) {
            AcquireJobResponse response;
            try {
                response = runners.withDeadlineAfter(waitMillis + 10_000, TimeUnit.MILLISECONDS).acquireJob(
                        AcquireJobRequest.newBuilder().setRunnerId(runnerId).setWaitMillis((int) waitMillis).build());
            } catch (StatusRuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.debugf("acquiring a job failed (%s), trying again", e.getStatus());
                sleep(Duration.ofMillis(500));
                continue;
            }
            if (!response.hasJob()) {
                continue;
            }
            busy.incrementAndGet();
            try {
                worker.run(response.getJob());
            } finally {
                busy.decrementAndGet();
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
