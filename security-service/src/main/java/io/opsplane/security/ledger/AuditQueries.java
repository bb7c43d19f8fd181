package io.opsplane.security.ledger;

import io.opsplane.platform.errors.DomainException;
import io.opsplane.security.audit.AuditRecord;
import io.opsplane.security.audit.ChainVerifier;
import io.opsplane.security.audit.CheckpointLog;
import io.opsplane.security.audit.VerifyReport;
import io.opsplane.security.domain.AuditRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/** Reading the ledger: filtered pages, and verification of the whole chain. */
@ApplicationScoped
public class AuditQueries {

    private static final int VERIFY_PAGE = 20_000;
    private static final int VERIFY_WINDOW = 2_000;
    private static final int VERIFY_AHEAD = 4;
    private static final String VERIFY_COLUMNS = """
            SELECT seq, recorded_at, event_id, subject, token_id, source_address, service, permission, resource,
                   summary, outcome, correlation_id, prev_hash, hash FROM audit_record""";
    private static final String VERIFY_SELECT = VERIFY_COLUMNS + " WHERE seq > $1 ORDER BY seq LIMIT $2";
    private static final String VERIFY_WINDOW_SELECT = VERIFY_COLUMNS + " WHERE seq > $1 AND seq <= $2 ORDER BY seq";

    /** Filters of a listing. */
    public record Filter(String subject, String resource, String action, String outcome, String correlationId,
            Instant from, Instant to) {
    }

    /** A page of records and the token of the next one. */
    public record Page(List<AuditRow> rows, String nextPageToken) {
    }

    /** A verification: the verifier's report and the lines of the checkpoint file that do not verify. */
    public record Verification(VerifyReport report, List<CheckpointLog.LineProblem> fileProblems) {
    }

    @Inject
    Pool pool;

    @Inject
    AuditCheckpoints checkpoints;

    public Uni<Page> list(Filter filter, int limit, String pageToken) {
        if (limit < 0 || limit > 1000) {
            throw DomainException.invalid("limit must be between 1 and 1000");
        }
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw DomainException.invalid("from must be before to");
        }
        long after;
        try {
            after = pageToken == null || pageToken.isEmpty() ? 0 : Long.parseLong(pageToken);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("page_token is not one this service gave out");
        }
        int size = limit == 0 ? 100 : limit;
        String query = "seq > ?1 and (?2 = '' or subject = ?2) and (?3 = '' or resource = ?3) and (?4 = '' or "
                + "permission = ?4) and (?5 = '' or outcome = ?5) and (?6 = '' or correlationId = ?6) and recordedAt >= ?7 "
                + "and recordedAt < ?8 order by seq";
        Instant from = filter.from() == null ? Instant.EPOCH : filter.from();
        Instant to = filter.to() == null ? Instant.parse("9999-12-31T00:00:00Z") : filter.to();
        return Panache.withSession(() -> AuditRow.<AuditRow>find(query, after, blank(filter.subject()),
                blank(filter.resource()), blank(filter.action()), blank(filter.outcome()), blank(filter.correlationId()),
                from, to).page(0, size + 1).list())
                .map(rows -> rows.size() > size
                        ? new Page(rows.subList(0, size), String.valueOf(rows.get(size - 1).seq))
                        : new Page(rows, ""));
    }

    /** Verifies the whole chain, page by page; blocks, so call it on a worker thread. */
    public Verification verify() {
        CheckpointLog.Contents contents = checkpoints.log().readAll(checkpoints.signer());
        VerifyReport report = new ChainVerifier().verify(new Records(), contents.checkpoints(), checkpoints.signer());
        return new Verification(report, contents.problems());
    }

    /**
     * Every record in seq order. The seq range known at the start is read as windows of {@value #VERIFY_WINDOW}
     * seq values, {@value #VERIFY_AHEAD} of them in flight on separate connections while the verifier hashes the
     * current one (reading, not hashing, is what a million records cost); records appended meanwhile are read
     * after, a page at a time. Windows concatenated in order are exactly one scan ordered by seq.
     */
    private final class Records implements Iterator<AuditRecord> {

        private final ArrayDeque<CompletableFuture<List<AuditRecord>>> ahead = new ArrayDeque<>();
        private final ArrayDeque<AuditRecord> page = new ArrayDeque<>();
        private final long lastWindowEnd;
        private long nextWindowStart;
        private long after;
        private boolean exhausted;

        Records() {
            Row bounds = pool.query("SELECT min(seq) AS low, max(seq) AS high, count(*) AS total FROM audit_record")
                    .execute().await().indefinitely().iterator().next();
            long low = bounds.getLong("low") == null ? 0 : bounds.getLong("low") - 1;
            long high = bounds.getLong("high") == null ? 0 : bounds.getLong("high");
            // Seqs are dense unless rows were tampered with; a sparse range is read a page at a time instead.
            boolean dense = high - low <= 2 * bounds.getLong("total") + VERIFY_WINDOW;
            nextWindowStart = low;
            lastWindowEnd = dense ? high : low;
            after = lastWindowEnd;
            while (ahead.size() < VERIFY_AHEAD && nextWindowStart < lastWindowEnd) {
                requestWindow();
            }
        }

        private void requestWindow() {
            long from = nextWindowStart;
            long to = Math.min(lastWindowEnd, from + VERIFY_WINDOW);
            nextWindowStart = to;
            ahead.add(pool.preparedQuery(VERIFY_WINDOW_SELECT).execute(Tuple.of(from, to))
                    .map(AuditQueries::records).subscribeAsCompletionStage());
        }

        @Override
        public boolean hasNext() {
            while (page.isEmpty() && !ahead.isEmpty()) {
                List<AuditRecord> window = ahead.poll().join();
                if (nextWindowStart < lastWindowEnd) {
                    requestWindow();
                }
                page.addAll(window);
            }
            if (page.isEmpty() && !exhausted) {
                List<AuditRecord> appended = records(pool.preparedQuery(VERIFY_SELECT)
                        .execute(Tuple.of(after, VERIFY_PAGE)).await().indefinitely());
                page.addAll(appended);
                exhausted = appended.size() < VERIFY_PAGE;
                if (!page.isEmpty()) {
                    after = page.peekLast().seq();
                }
            }
            return !page.isEmpty();
        }

        @Override
        public AuditRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.poll();
        }
    }

    private static List<AuditRecord> records(RowSet<Row> rows) {
        List<AuditRecord> records = new ArrayList<>(rows.size());
        for (Row row : rows) {
            records.add(recordOf(row));
        }
        return records;
    }

    private static AuditRecord recordOf(Row row) {
        return new AuditRecord(row.getLong("seq"), row.getOffsetDateTime("recorded_at").toInstant(),
                row.getString("event_id"), row.getString("subject"), row.getString("token_id"),
                row.getString("source_address"), row.getString("service"), row.getString("permission"),
                row.getString("resource"), row.getString("summary"), row.getString("outcome"),
                row.getString("correlation_id"), row.getString("prev_hash"), row.getString("hash"));
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
