package io.opsplane.observability.service;

import io.opsplane.observability.alerting.AlertIntake;
import io.opsplane.observability.config.MetricsConfig;
import io.opsplane.observability.config.RulesConfig;
import io.opsplane.observability.metrics.PrometheusClient;
import io.opsplane.observability.metrics.RemoteWriter;
import io.opsplane.observability.repository.RuleRepository;
import io.opsplane.observability.rules.runtime.GroupRunner;
import io.opsplane.observability.rules.runtime.InstantQueries;
import io.opsplane.observability.rules.runtime.RuleEvaluators;
import io.opsplane.observability.rules.runtime.ScrapeAlignedOffsets;
import io.opsplane.platform.remotewrite.RemoteWriteBody;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This instance's share of rule evaluation: the {@link RuleEvaluators} over the database, the metrics store (queries
 * and remote write) and the alert manager's intake, kept in step with rule files and live instances every
 * {@code opsplane.rules.sync-interval}, and at once after a rule file changed here.
 */
@ApplicationScoped
public class RuleEvaluation {

    private static final Logger LOG = Logger.getLogger(RuleEvaluation.class);

    @Inject
    RulesConfig rules;

    @Inject
    MetricsConfig metrics;

    @Inject
    Pool pool;

    @Inject
    AlertIntake intake;

    @ConfigProperty(name = "opsplane.instance-id")
    String instanceId;

    /** A group is moved only when its aligned offset is further than this from where it evaluates now. */
    private static final Duration REALIGN_TOLERANCE = Duration.ofMillis(10);
    /** How long a query the alignment sends may take; it must never hold up evaluation. */
    private static final Duration ALIGNMENT_TIMEOUT = Duration.ofSeconds(2);

    private RuleRepository repository;
    private ScheduledExecutorService syncThread;
    private ScheduledExecutorService alignmentThread;
    private volatile RuleEvaluators evaluators;
    private volatile ScrapeAlignedOffsets alignment;

    void onStart(@Observes StartupEvent event) {
        repository = new RuleRepository(pool);
        if (!rules.evaluate()) {
            return;
        }
        syncThread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rule-sync");
            thread.setDaemon(true);
            return thread;
        });
        start();
        long every = rules.syncInterval().toMillis();
        syncThread.scheduleWithFixedDelay(this::sync, 0, every, TimeUnit.MILLISECONDS);
        if (rules.alignWithScrapes()) {
            alignmentThread = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "rule-alignment");
                thread.setDaemon(true);
                return thread;
            });
            long refresh = rules.alignmentRefresh().toMillis();
            alignmentThread.scheduleWithFixedDelay(this::align, refresh, refresh, TimeUnit.MILLISECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (syncThread != null) {
            syncThread.shutdownNow();
        }
        if (alignmentThread != null) {
            alignmentThread.shutdownNow();
        }
        stop();
    }

    public RuleRepository repository() {
        return repository;
    }

    /** Starts evaluating anew from the database (after {@link #stop()}); the next sync picks the groups. */
    public synchronized void start() {
        if (evaluators != null) {
            return;
        }
        PrometheusClient store = new PrometheusClient(metrics.url(), metrics.queryTimeout(), metrics.maxSamples(),
                metrics.connectTimeout());
        RemoteWriter writer = new RemoteWriter(metrics.url(), metrics.queryTimeout(), metrics.connectTimeout());
        GroupRunner.Output output = new GroupRunner.Output() {
            @Override
            public void write(List<RemoteWriteBody.Series> series) {
                writer.write(series);
            }

            @Override
            public void send(List<io.opsplane.observability.alerting.alert.Alert> alerts, Instant at) {
                intake.accept(alerts, at);
            }
        };
        RuleEvaluators.Settings settings = new RuleEvaluators.Settings(rules.defaultInterval(), rules.resendDelay(),
                rules.heartbeatTtl(), rules.externalUrl().orElse(store.base().toString()), rules.externalLabels(),
                rules.threads());
        evaluators = new RuleEvaluators(instanceId, repository,
                InstantQueries.of((expr, at) -> store.query(expr, at, null)), output, Clock.systemUTC(), settings);
        alignment = new ScrapeAlignedOffsets(() -> store.targets(ALIGNMENT_TIMEOUT),
                InstantQueries.of((expr, at) -> store.query(expr, at, ALIGNMENT_TIMEOUT)), Clock.systemUTC(),
                rules.alignmentMargin(), Duration.ofSeconds(30));
    }

    /** Stops every group this instance evaluates (their state is in the database) and leaves the live set. */
    public synchronized void stop() {
        if (evaluators != null) {
            evaluators.close();
            evaluators = null;
        }
    }

    /** The running evaluators; null while stopped or when this instance does not evaluate. */
    public RuleEvaluators evaluators() {
        return evaluators;
    }

    /** Re-reads rule files and instances soon, on the sync thread (after a change made through this instance). */
    public void syncSoon() {
        if (syncThread != null) {
            syncThread.execute(() -> {
                sync();
                if (alignmentThread != null) {
                    alignmentThread.execute(this::align);
                }
            });
        }
    }

    /** Moves each group this instance evaluates to right after the scrapes it reads. */
    private void align() {
        RuleEvaluators current = evaluators;
        ScrapeAlignedOffsets offsets = alignment;
        if (current == null || offsets == null) {
            return;
        }
        Map<String, GroupRunner> runners = current.runners();
        try {
            offsets.offsets(runners).forEach((key, offset) ->
                    current.realign(key, runners.get(key).version(), offset, REALIGN_TOLERANCE));
        } catch (RuntimeException e) {
            LOG.debugf("rule groups are not aligned with scrapes this time: %s", e.getMessage());
        }
    }

    private void sync() {
        RuleEvaluators current = evaluators;
        if (current == null) {
            return;
        }
        try {
            current.sync();
        } catch (RuntimeException e) {
            LOG.warnf("rule evaluation could not sync with the database: %s", e.getMessage());
        }
    }
}
