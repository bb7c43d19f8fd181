package io.opsplane.security.audit;

/** What {@link ChainVerifier} found wrong with the audit ledger. */
public enum TamperKind {
    /** A record's stored hash is not the hash of its content and stored prevHash: it was changed after sealing. */
    EDITED,
    /** A record is missing: seq has a gap, or a record does not link to its predecessor nor to any record near it. */
    DELETED,
    /** Records are intact but out of order: a record links to one that comes after it. */
    REORDERED,
    /** The ledger ends before a checkpoint's seq, or its record there is not the one the checkpoint signed. */
    TRUNCATED,
    /** A checkpoint's signature does not verify under the checkpoint key. */
    CHECKPOINT_INVALID
}
