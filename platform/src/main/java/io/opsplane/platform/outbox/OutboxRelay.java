package io.opsplane.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opsplane.platform.events.CloudEventCodec;
import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.platform.kafka.DeadLetters;
import io.opsplane.platform.kafka.KafkaClients;
import io.opsplane.platform.kafka.KafkaSend;
import io.opsplane.platform.kafka.TopicProvisioner;
import io.opsplane.platform.events.EventCatalog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in id order and marks them published, in batches.
 *
 * <p>A batch runs in one database transaction that first takes a transaction-scoped advisory lock, so
 * when several instances of a service run, one relays at a time and the order holds. The rows are
 * marked only after Kafka acknowledged all of them; a crash in between publishes them again on the
 * next pass (at least once), and consumers drop the duplicates by event id. The relay is woken right
 * after a commit of this process and polls as a fallback for rows left by other instances or by a
 * crash. Commits of other instances (and of anything else writing the table) wake it through a
 * PostgreSQL notification sent by a trigger at commit; polling is only the fallback.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock id of the relay: "opsplane-outbox", arbitrary but fixed. */
    private static final long RELAY_LOCK = 0x6f7073_6f7574L;

    private static final String SELECT_BATCH = """
            SELECT id, event_id, topic, event_type, source, subject, event_time, correlation_id, traceparent, data
            FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT $1""";
    private static final String MARK_PUBLISHED = "UPDATE outbox_event SET published_at = now() WHERE id = ANY($1)";
    private static final String NOTIFY_CHANNEL = "opsplane_outbox";
    private static final String PRUNE = "DELETE FROM outbox_event WHERE published_at < $1";

    @Inject
    Pool pool;

    @Inject
    KafkaClients kafka;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "opsplane.outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "opsplane.outbox.batch-size", defaultValue = "500")
    int batchSize;

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

    @ConfigProperty(name = "quarkus.datasource.password")
    String databasePassword;

    @Inject
    Vertx vertx;

    private PgSubscriber notifications;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private Counter published;
    private Counter failures;
    private Instant nextPrune = Instant.EPOCH;

    @PostConstruct
    void registerMeters() {
        published = registry.counter("opsplane.outbox.published");
        failures = registry.counter("opsplane.outbox.publish.failures");
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

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (notifications != null) {
            notifications.close().await().atMost(Duration.ofSeconds(5));
        }
        if (thread != null) {
            wakeUps.release();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void listenForCommits() {
        PgConnectOptions options = PgConnectOptions.fromUri(databaseUrl).setUser(databaseUser)
                .setPassword(databasePassword);
        notifications = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
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

    private void run() {
        provisionTopics();
        long backoffMillis = 100;
        while (running) {
            try {
                int count = publishPending();
                backoffMillis = 100;
                if (count >= batchSize) {
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
        List<String> topics = new ArrayList<>(EventCatalog.allTopics());
        topics.add(deadLetters.topic());
        while (running) {
            try (Admin admin = kafka.admin()) {
                TopicProvisioner.ensure(admin, topics, partitions);
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
        return pool.withTransaction(this::publishBatch).await().atMost(Duration.ofSeconds(60));
    }

    private Uni<Integer> publishBatch(SqlConnection connection) {
        return connection.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK))
                .flatMap(lock -> Boolean.TRUE.equals(lock.iterator().next().getBoolean(0))
                        ? connection.preparedQuery(SELECT_BATCH).execute(Tuple.of(batchSize))
                                .flatMap(rows -> publishAndMark(connection, rows))
                        : Uni.createFrom().item(0));
    }

    private Uni<Integer> publishAndMark(SqlConnection connection, RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(0);
        }
        List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
        Long[] ids = new Long[rows.size()];
        int i = 0;
        for (Row row : rows) {
            ids[i++] = row.getLong("id");
            acks.add(KafkaSend.send(kafka.producer(), CloudEventCodec.toRecord(row.getString("topic"), envelopeOf(row))));
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                .flatMap(ignored -> connection.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(ids)))
                .map(updated -> {
                    published.increment(ids.length);
                    return ids.length;
                });
    }

    private static EventEnvelope envelopeOf(Row row) {
        return new EventEnvelope(row.getString("event_id"), row.getString("event_type"), row.getString("source"),
                row.getString("subject"), row.getOffsetDateTime("event_time").toInstant(),
                row.getString("correlation_id"), row.getString("traceparent"), row.getString("data"));
    }

    private void pruneWhenDue() {
        Instant now = Instant.now();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(Duration.ofMinutes(1));
        pool.preparedQuery(PRUNE).execute(Tuple.of(java.time.OffsetDateTime.now().minus(retention)))
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
