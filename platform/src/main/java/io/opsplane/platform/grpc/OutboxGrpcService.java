package io.opsplane.platform.grpc;

import io.opsplane.platform.errors.DomainException;
import io.opsplane.proto.platform.v1.ListQuarantinedRequest;
import io.opsplane.proto.platform.v1.OutboxRow;
import io.opsplane.proto.platform.v1.OutboxRowRequest;
import io.opsplane.proto.platform.v1.OutboxService;
import io.opsplane.proto.platform.v1.QuarantinedRows;
import io.opsplane.platform.outbox.OutboxRelay;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/** The quarantined outbox rows of this service, and the operator's re-drive and discard. */
@GrpcService
public class OutboxGrpcService implements OutboxService {

    private static final Logger LOG = Logger.getLogger(OutboxGrpcService.class);
    private static final String COLUMNS = """
            id, event_id, topic, event_type, subject, event_time, attempts, last_error, quarantined_at, discarded_at,
            length(data) AS data_length""";
    private static final String LIST = "SELECT " + COLUMNS + """
             FROM outbox_event
            WHERE published_at IS NULL AND quarantined_at IS NOT NULL AND discarded_at IS NULL ORDER BY id LIMIT $1""";
    private static final String REDRIVE = """
            UPDATE outbox_event SET quarantined_at = NULL, attempts = 0
            WHERE id = $1 AND published_at IS NULL AND quarantined_at IS NOT NULL AND discarded_at IS NULL
            RETURNING """ + " " + COLUMNS;
    private static final String DISCARD = """
            UPDATE outbox_event SET discarded_at = now()
            WHERE id = $1 AND published_at IS NULL AND quarantined_at IS NOT NULL AND discarded_at IS NULL
            RETURNING """ + " " + COLUMNS;

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Override
    public Uni<QuarantinedRows> listQuarantined(ListQuarantinedRequest request) {
        if (request.getLimit() < 0 || request.getLimit() > 1000) {
            return Uni.createFrom().failure(GrpcErrors.toStatus(DomainException.invalid("limit must be between 1 and 1000")));
        }
        int limit = request.getLimit() == 0 ? 100 : request.getLimit();
        return pool.preparedQuery(LIST).execute(Tuple.of(limit)).map(rows -> {
            QuarantinedRows.Builder answer = QuarantinedRows.newBuilder();
            rows.forEach(row -> answer.addRows(rowOf(row)));
            return answer.build();
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<OutboxRow> redrive(OutboxRowRequest request) {
        return change(REDRIVE, request.getId(), "re-driven").invoke(relay::wakeUp);
    }

    @Override
    public Uni<OutboxRow> discard(OutboxRowRequest request) {
        return change(DISCARD, request.getId(), "discarded").invoke(relay::wakeUp);
    }

    private Uni<OutboxRow> change(String sql, long id, String what) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw DomainException.notFound("no quarantined outbox row has id " + id);
            }
            LOG.infof("outbox row %d %s", id, what);
            return rowOf(rows.iterator().next());
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    private static OutboxRow rowOf(Row row) {
        OutboxRow.Builder out = OutboxRow.newBuilder().setId(row.getLong("id")).setEventId(row.getString("event_id"))
                .setTopic(row.getString("topic")).setType(row.getString("event_type"))
                .setSubject(row.getString("subject")).setEventTime(time(row.getOffsetDateTime("event_time")))
                .setAttempts(row.getInteger("attempts")).setDataLength(row.getLong("data_length"));
        if (row.getString("last_error") != null) {
            out.setLastError(row.getString("last_error"));
        }
        if (row.getOffsetDateTime("quarantined_at") != null) {
            out.setQuarantinedAt(time(row.getOffsetDateTime("quarantined_at")));
        }
        if (row.getOffsetDateTime("discarded_at") != null) {
            out.setDiscardedAt(time(row.getOffsetDateTime("discarded_at")));
        }
        return out.build();
    }

    private static com.google.protobuf.Timestamp time(OffsetDateTime time) {
        return Timestamps.of(time.toInstant());
    }
}
