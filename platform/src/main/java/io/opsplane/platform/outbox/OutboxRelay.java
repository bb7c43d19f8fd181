package io.opsplane.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opsplane.platform.events.Topics;
import io.opsplane.platform.kafka.DeadLetters;
import io.opsplane.platform.kafka.KafkaClients;
import io.opsplane.platform.kafka.TopicProvisioner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs this service's {@link OutboxPublisher} on a thread of its own: woken right after a commit of
 * this process and, through a PostgreSQL notification sent by a trigger at commit, of any other
 * instance; polling is only the fallback. It also prunes published rows after the retention.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String NOTIFY_CHANNEL = "opsplane_outbox";
    private static final String PRUNE = "DELETE FROM outbox_event WHERE published_at < $1 OR discarded_at < $1";

    @Inject
    Pool pool;

    @Inject
    KafkaClients kafka;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Topics topics;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "opsplane.outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "opsplane.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "opsplane.outbox.max-attempts", defaultValue = "10")
    int maxAttempts;

    @ConfigProperty(name = "opsplane.outbox.poll-interval", defaultValue = "PT0.5S")
    Duration pollInterval;

    @ConfigProperty(name = "opsplane.outbox.retention", defaultValue = "PT24H")
    Duration retention;

    @ConfigProperty(name = "opsplane.topics.partitions", defaultValue = "3")
    int partitions;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String databaseUser;

    @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
    String databasePassword;

    private PgSubscriber notifications;
    private OutboxPublisher publisher;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private Counter published;
    private Counter failures;
    private Counter quarantined;
    private Instant nextPrune = Instant.EPOCH;

    @PostConstruct
    void init() {
        published = registry.counter("opsplane.outbox.published");
        failures = registry.counter("opsplane.outbox.publish.failures");
        quarantined = registry.counter("opsplane.outbox.quarantined.rows");
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("outbox relay disabled");
            return;
        }
        running = true;
        listenForCommits();
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Before the Kafka producer closes: the relay stops first, then the producer flushes and goes. */
    void stop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        running = false;
        if (notifications != null) {
            notifications.close().await().atMost(Duration.ofSeconds(5));
        }
        if (thread != null) {
            wakeUps.release();
            thread.join(TimeUnit.SECONDS.toMillis(15));
        }
        synchronized (this) {
            if (publisher != null) {
                publisher.close();
            }
        }
    }

    private PgConnectOptions connectOptions() {
        return PgConnectOptions.fromUri(databaseUrl).setUser(databaseUser).setPassword(databasePassword);
    }

    private void listenForCommits() {
        notifications = PgSubscriber.subscriber(vertx, connectOptions()).reconnectPolicy(retries -> 1_000L);
        notifications.channel(NOTIFY_CHANNEL).handler(payload -> wakeUp());
        notifications.connect().subscribe().with(connected -> LOG.debug("listening for outbox commits"),
                failure -> LOG.warnf("outbox relay: cannot listen for commits, polling only: %s", failure.getMessage()));
    }

    /** Asks the relay to look for new rows now; cheap, never blocks. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** The topics this service may write: its own domain's events topic and its own dead-letter topic. */
    Set<String> writableTopics() {
        return Set.of(topics.events(applicationName.replace("-service", "")), deadLetters.topic());
    }

    private synchronized OutboxPublisher publisher() {
        if (publisher == null) {
            publisher = new OutboxPublisher(this::connect, kafka.producer(), writableTopics(), batchSize, maxAttempts,
                    KafkaClients.MAX_REQUEST_BYTES, Duration.ofMillis(KafkaClients.DELIVERY_TIMEOUT_MS + 5_000L));
        }
        return publisher;
    }

    private SqlConnection connect() {
        return PgConnection.connect(vertx, connectOptions()).await().atMost(Duration.ofSeconds(30));
    }

    private void run() {
        provisionTopics();
        long backoffMillis = 100;
        while (running) {
            try {
                OutboxPublisher.Pass pass = publisher().publishOnce();
                published.increment(pass.published());
                quarantined.increment(pass.quarantined());
                if (pass.retried() > 0) {
                    failures.increment(pass.retried());
                    sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 5_000);
                    continue;
                }
                backoffMillis = 100;
                if (pass.published() + pass.quarantined() >= batchSize) {
                    continue;
                }
                pruneWhenDue();
                if (wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                LOG.warnf("outbox relay: publishing failed, retrying in %d ms: %s", backoffMillis, e.getMessage());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    private void provisionTopics() {
        long backoffMillis = 200;
        List<String> wanted = new ArrayList<>(writableTopics());
        while (running) {
            try (Admin admin = kafka.admin()) {
                TopicProvisioner.ensure(admin, wanted, partitions);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("outbox relay: cannot reach Kafka to check topics, retrying: %s", e.getMessage());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    /**
     * Publishes one batch of pending rows now, on the calling thread; returns how many were published
     * (0 when none are pending or another instance holds the relay lock).
     */
    public int publishPending() {
        try {
            return publisher().publishOnce().published();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (!running) {
                // Nobody relays here: do not keep the lock from another relay.
                publisher().close();
            }
        }
    }

    private void pruneWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(Duration.ofMinutes(1));
        pool.preparedQuery(PRUNE).execute(Tuple.of(OffsetDateTime.ofInstant(now.minus(retention), clock.getZone())))
                .await().atMost(Duration.ofSeconds(30));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
