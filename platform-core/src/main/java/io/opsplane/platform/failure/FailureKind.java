package io.opsplane.platform.failure;

/**
 * What to do about a failure, decided once and acted on by every consumer and the outbox relay.
 */
public enum FailureKind {
    /** The input itself is at fault (undecodable, too large, violates a constraint): retrying cannot help. */
    PERMANENT,
    /** A dependency answered but the work failed in a way that may pass (deadlock, timeout): retry, bounded. */
    RETRYABLE,
    /** A dependency (database, broker) cannot be reached: wait for it; no record is to blame. */
    UNAVAILABLE
}
