package io.opsplane.security.audit;

/**
 * The tip of the audit ledger, and the one way to append to it: {@link #seal} gives the next
 * record seq {@code lastSeq + 1}, the tip's hash as {@code prevHash}, and its own hash.
 *
 * <p>The store resumes the chain from its newest row ({@link #after}) and must seal and insert
 * under one lock (for example a transaction-scoped advisory lock), so that two appenders never
 * seal against the same tip. Seq comes from here, not from a database sequence: a sequence leaves
 * gaps on rollback, and a gap reads as a deleted record.
 *
 * <p>Not thread-safe: one instance belongs to whoever holds the append lock.
 */
public final class AuditChain {

    private long lastSeq;
    private String lastHash;

    private AuditChain(long lastSeq, String lastHash) {
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must not be negative: " + lastSeq);
        }
        this.lastSeq = lastSeq;
        if (!LowerHex.is(lastHash, 64)) {
            throw new IllegalArgumentException("lastHash must be 64 lowercase hex digits");
        }
        this.lastHash = lastHash;
    }

    /** A chain with no record yet: the first seal gets seq 1 and {@link AuditHashing#GENESIS} as prevHash. */
    public static AuditChain empty() {
        return new AuditChain(0, AuditHashing.GENESIS);
    }

    /** The chain whose newest record has {@code lastSeq} and {@code lastHash}. */
    public static AuditChain after(long lastSeq, String lastHash) {
        return new AuditChain(lastSeq, lastHash);
    }

    /**
     * {@code content} as the next record of the chain. Its seq, prevHash and hash are replaced, and
     * its recordedAt is truncated to microseconds, the precision the table keeps.
     */
    public AuditRecord seal(AuditRecord content) {
        AuditRecord stored = new AuditRecord(lastSeq + 1, AuditHashing.toStoredPrecision(content.recordedAt()),
                content.eventId(), content.subject(), content.tokenId(), content.sourceAddress(), content.service(),
                content.permission(), content.resource(), content.summary(), content.outcome(),
                content.correlationId(), lastHash, "");
        AuditRecord sealed = stored.withSeal(stored.seq(), lastHash, AuditHashing.hash(lastHash, stored));
        lastSeq = sealed.seq();
        lastHash = sealed.hash();
        return sealed;
    }

    /** Seq of the newest record, 0 when there is none. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Hash of the newest record, {@link AuditHashing#GENESIS} when there is none. */
    public String lastHash() {
        return lastHash;
    }
}
