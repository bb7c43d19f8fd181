package io.opsplane.observability.alerting.store;

import com.google.protobuf.Message;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.AlertFiring;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The alert manager's tables. Every call blocks until done, so it must not run on an event-loop thread; a
 * {@link Changes} is written in one transaction together with the events it announces (outbox).
 */
@ApplicationScoped
public class AlertManagerStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    /** Everything the alert manager keeps, as stored. */
    /**
     * Everything the alert manager keeps, as stored; {@code legacyDispatch} is the whole dispatcher state as one
     * row, as written before the state was kept per group and log entry.
     */
    public record Snapshot(Optional<ConfigRow> config, List<AlertRow> alerts, List<DispatchGroupRow> groups,
            List<NotificationLogRow> log, Optional<DispatchStateRow> legacyDispatch,
            Optional<EscalationStateRow> escalation, List<SilenceRow> silences, List<PolicyRow> policies) {
    }

    public Snapshot load() {
        return await(() -> Panache.withSession(() -> ConfigRow.<ConfigRow>find("order by version desc").firstResult()
                .flatMap(config -> AlertRow.<AlertRow>listAll().flatMap(alerts -> DispatchGroupRow
                        .<DispatchGroupRow>listAll().flatMap(groups -> NotificationLogRow.<NotificationLogRow>listAll()
                        .flatMap(log -> DispatchStateRow.<DispatchStateRow>findById((short) 1).flatMap(legacy ->
                                EscalationStateRow.<EscalationStateRow>findById((short) 1).flatMap(escalation ->
                                        SilenceRow.<SilenceRow>listAll().flatMap(silences ->
                                                PolicyRow.<PolicyRow>listAll().map(policies -> new Snapshot(
                                                        Optional.ofNullable(config), alerts, groups, log,
                                                        Optional.ofNullable(legacy), Optional.ofNullable(escalation),
                                                        silences, policies)))))))))));
    }

    public long latestConfigVersion() {
        return await(() -> Panache.withSession(() -> ConfigRow.<ConfigRow>find("order by version desc")
                .firstResult().map(row -> row == null ? 0L : row.version)));
    }

    /** Writes and events of one change, applied in one transaction, in order. */
    public static final class Changes {

        private final List<Function<Outbox, Uni<?>>> steps = new ArrayList<>();

        public Changes merge(PanacheEntityBase entity) {
            steps.add(outbox -> Panache.getSession().chain(session -> session.merge(entity)));
            return this;
        }

        public Changes persist(PanacheEntityBase entity) {
            steps.add(outbox -> entity.persist());
            return this;
        }

        public Changes delete(Class<? extends PanacheEntityBase> type, Object id) {
            steps.add(outbox -> Panache.getSession().chain(session -> session.find(type, id)
                    .chain(found -> found == null ? Uni.createFrom().voidItem() : session.remove(found))));
            return this;
        }

        /** An event announcing the change; {@code subject} is its Kafka key. */
        public Changes event(String subject, Message payload) {
            steps.add(outbox -> outbox.record(subject, payload, null, null));
            return this;
        }

        public boolean isEmpty() {
            return steps.isEmpty();
        }

        /** How many writes and events the change holds. */
        public int size() {
            return steps.size();
        }
    }

    public void write(Changes changes) {
        if (changes.isEmpty()) {
            return;
        }
        await(() -> outbox.inTransaction(() -> {
            Uni<?> chain = Uni.createFrom().voidItem();
            for (Function<Outbox, Uni<?>> step : changes.steps) {
                chain = chain.chain(ignored -> step.apply(outbox));
            }
            return chain.replaceWithVoid();
        }));
    }

    /** One page of the history, newest first; {@code beforeId} continues a previous page. */
    public List<NotificationRow> notifications(String receiver, String groupKey, String status, Instant from,
            Instant to, Long beforeId, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (!receiver.isEmpty()) {
            where.append(" and receiver = :receiver");
            parameters.and("receiver", receiver);
        }
        if (!groupKey.isEmpty()) {
            where.append(" and groupKey = :groupKey");
            parameters.and("groupKey", groupKey);
        }
        if (!status.isEmpty()) {
            where.append(" and status = :status");
            parameters.and("status", status);
        }
        if (from != null) {
            where.append(" and attemptedAt >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            where.append(" and attemptedAt < :to");
            parameters.and("to", to);
        }
        if (beforeId != null) {
            where.append(" and id < :beforeId");
            parameters.and("beforeId", beforeId);
        }
        return await(() -> Panache.withSession(() -> NotificationRow.<NotificationRow>find(where.toString(),
                Sort.descending("id"), parameters).range(0, limit - 1).list()));
    }

    /**
     * The changes on the timeline for {@code application} (and {@code environment}, when not empty) between
     * {@code from} and {@code to}, newest first, at most {@code limit}: events keyed by the application or whose
     * data names it, other than the alert manager's own.
     */
    public List<AlertFiring.Change> recentChanges(String application, String environment, Instant from, Instant to,
            int limit) {
        if (application.isEmpty()) {
            return List.of();
        }
        String sql = """
                SELECT event_id, event_type, subject, event_time, correlation_id FROM timeline_event
                WHERE event_time >= $1 AND event_time <= $2 AND event_type NOT LIKE 'opsplane.events.v1.Alert%'
                  AND event_type NOT LIKE 'opsplane.events.v1.Notification%'
                  AND event_type <> 'opsplane.events.v1.SilenceCreated'
                  AND (subject = $3 OR data::jsonb ->> 'application' = $3 OR data::jsonb ->> 'pipeline' = $3)
                  AND ($4 = '' OR coalesce(data::jsonb ->> 'environment', '') IN ('', $4))
                ORDER BY event_time DESC, event_id LIMIT $5""";
        List<AlertFiring.Change> changes = new ArrayList<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC), application, environment, limit)).await().atMost(TIMEOUT)) {
            AlertFiring.Change.Builder change = AlertFiring.Change.newBuilder().setEventId(row.getString(0))
                    .setType(row.getString(1)).setSubject(row.getString(2))
                    .setTime(Timestamps.of(row.getOffsetDateTime(3).toInstant()));
            Optional.ofNullable(row.getString(4)).ifPresent(change::setCorrelationId);
            changes.add(change.build());
        }
        return changes;
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }
}
