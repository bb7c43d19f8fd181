package io.opsplane.platform.outbox;

import io.opsplane.platform.events.CloudEventCodec;
import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.platform.kafka.KafkaSend;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * One relay's passes over the outbox, run on a thread that may block (never an event loop).
 *
 * <p>It holds a database connection with a session advisory lock: of all the instances of a service,
 * only the one holding the lock publishes, so rows go out in id order; a standby takes the lock over
 * when the holder's connection ends (a crash closes it). A pass reads the oldest pending rows, skips
 * those of an aggregate that has a quarantined row before them, sends the rest, waits for Kafka's
 * acknowledgements and then marks them. A crash between acknowledgement and mark publishes the rows
 * again on the next pass, with the same event ids; consumers drop the repeats.
 */
public final class OutboxPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);
    /** Advisory lock id of the relay: "opsplane-outbox", arbitrary but fixed. */
    static final long RELAY_LOCK = 0x6f7073_6f7574L;
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    /** Header and framing bytes Kafka adds to a record, beyond key, value and headers. */
    private static final int RECORD_OVERHEAD = 128;

    private static final String SELECT_BATCH = """
            SELECT o.id, o.event_id, o.topic, o.event_type, o.source, o.subject, o.event_time, o.correlation_id,
                   o.traceparent, o.data, o.attempts
            FROM outbox_event o
            WHERE o.published_at IS NULL AND o.quarantined_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM outbox_event q
                              WHERE q.published_at IS NULL AND q.quarantined_at IS NOT NULL AND q.discarded_at IS NULL
                                AND q.topic = o.topic AND q.subject = o.subject AND q.id < o.id)
            ORDER BY o.id LIMIT $1""";
    private static final String MARK_PUBLISHED =
            "UPDATE outbox_event SET published_at = now(), last_error = NULL WHERE id = ANY($1)";
    private static final String RECORD_FAILURE =
            "UPDATE outbox_event SET attempts = attempts + $2, last_error = $3 WHERE id = $1";
    private static final String QUARANTINE =
            "UPDATE outbox_event SET attempts = attempts + 1, last_error = $2, quarantined_at = now() WHERE id = $1";

    /** What one pass did. */
    public record Pass(int published, int retried, int quarantined, boolean holdsLock) {
        static final Pass STANDBY = new Pass(0, 0, 0, false);
    }

    private final java.util.function.Supplier<SqlConnection> connector;
    private final Producer<String, byte[]> producer;
    private final Set<String> allowedTopics;
    private final int batchSize;
    private final int maxAttempts;
    private final int maxRecordBytes;
    private final Duration sendTimeout;
    private SqlConnection connection;

    /**
     * @param connector opens a connection of its own (not a pooled one: the lock lives as long as the
     *     database session, and a pooled session outlives its borrower)
     */
    public OutboxPublisher(java.util.function.Supplier<SqlConnection> connector, Producer<String, byte[]> producer, Set<String> allowedTopics, int batchSize,
            int maxAttempts, int maxRecordBytes, Duration sendTimeout) {
        this.connector = connector;
        this.producer = producer;
        this.allowedTopics = Set.copyOf(allowedTopics);
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.maxRecordBytes = maxRecordBytes;
        this.sendTimeout = sendTimeout;
    }

    /** One pass; a database failure drops the connection (and so the lock) and is thrown. */
    public synchronized Pass publishOnce() throws InterruptedException {
        try {
            if (!holdLock()) {
                return Pass.STANDBY;
            }
            return publishBatch(connection.preparedQuery(SELECT_BATCH).execute(Tuple.of(batchSize))
                    .await().atMost(DB_TIMEOUT));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private boolean holdLock() {
        if (connection != null) {
            return true;
        }
        SqlConnection fresh = connector.get();
        boolean locked;
        try {
            locked = Boolean.TRUE.equals(fresh.preparedQuery("SELECT pg_try_advisory_lock($1)")
                    .execute(Tuple.of(RELAY_LOCK)).await().atMost(DB_TIMEOUT).iterator().next().getBoolean(0));
        } catch (RuntimeException e) {
            fresh.close().await().atMost(DB_TIMEOUT);
            throw e;
        }
        if (!locked) {
            fresh.close().await().atMost(DB_TIMEOUT);
            return false;
        }
        LOG.info("outbox relay: this instance now publishes the outbox");
        connection = fresh;
        return true;
    }

    private Pass publishBatch(RowSet<Row> rows) throws InterruptedException {
        if (rows.size() == 0) {
            return new Pass(0, 0, 0, true);
        }
        List<Long> ids = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        List<Long> quarantined = new ArrayList<>();
        Set<String> held = new HashSet<>();
        for (Row row : rows) {
            long id = row.getLong("id");
            String aggregate = row.getString("topic") + "\u0000" + row.getString("subject");
            if (held.contains(aggregate)) {
                continue;
            }
            ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(row.getString("topic"), envelopeOf(row));
            String refusal = RelayVerdicts.refusalBeforeSend(record.topic(), sizeOf(record), allowedTopics,
                    maxRecordBytes);
            if (refusal != null) {
                quarantine(id, refusal);
                quarantined.add(id);
                held.add(aggregate);
                continue;
            }
            ids.add(id);
            attempts.add(row.getInteger("attempts"));
            acks.add(KafkaSend.send(producer, record));
        }
        List<Long> published = new ArrayList<>();
        int retried = 0;
        for (int i = 0; i < ids.size(); i++) {
            Throwable failure = awaitAck(acks.get(i));
            if (failure == null) {
                published.add(ids.get(i));
                continue;
            }
            RelayVerdicts.Verdict verdict = RelayVerdicts.afterFailure(failure, attempts.get(i), maxAttempts);
            if (verdict.outcome() == RelayVerdicts.Outcome.QUARANTINE) {
                quarantine(ids.get(i), verdict.error());
                quarantined.add(ids.get(i));
            } else {
                connection.preparedQuery(RECORD_FAILURE)
                        .execute(Tuple.of(ids.get(i), RelayVerdicts.counts(failure) ? 1 : 0, verdict.error()))
                        .await().atMost(DB_TIMEOUT);
                retried++;
            }
        }
        if (!published.isEmpty()) {
            connection.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(published.toArray(Long[]::new)))
                    .await().atMost(DB_TIMEOUT);
        }
        return new Pass(published.size(), retried, quarantined.size(), true);
    }

    private Throwable awaitAck(CompletableFuture<?> ack) throws InterruptedException {
        try {
            ack.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            return e;
        }
    }

    private void quarantine(long id, String error) {
        LOG.errorf("outbox relay: row %d quarantined, its aggregate's later rows wait: %s", id, error);
        connection.preparedQuery(QUARANTINE).execute(Tuple.of(id, error)).await().atMost(DB_TIMEOUT);
    }

    static int sizeOf(ProducerRecord<String, byte[]> record) {
        int size = RECORD_OVERHEAD + (record.value() == null ? 0 : record.value().length)
                + (record.key() == null ? 0 : record.key().getBytes(StandardCharsets.UTF_8).length);
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    private static EventEnvelope envelopeOf(Row row) {
        return new EventEnvelope(row.getString("event_id"), row.getString("event_type"), row.getString("source"),
                row.getString("subject"), row.getOffsetDateTime("event_time").toInstant(),
                row.getString("correlation_id"), row.getString("traceparent"), row.getString("data"));
    }

    /** Gives the lock up (a standby takes over). */
    @Override
    public synchronized void close() {
        SqlConnection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close().await().atMost(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debugf("outbox relay: closing the lock connection failed: %s", e.getMessage());
            }
        }
    }
}
