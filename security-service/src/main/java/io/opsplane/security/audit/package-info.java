/**
 * The tamper-evident audit ledger's engine, plain Java so it can be tested without a database.
 *
 * <p>Each {@link io.opsplane.security.audit.AuditRecord} carries the hash of the one before it
 * ({@link io.opsplane.security.audit.AuditHashing}, sealed by
 * {@link io.opsplane.security.audit.AuditChain}), so editing, deleting or moving a stored record
 * breaks the chain. Cutting records off the end, or cutting and appending new ones, leaves a valid
 * chain; HMAC-signed {@link io.opsplane.security.audit.Checkpoint}s of the tip, kept outside the
 * database ({@link io.opsplane.security.audit.CheckpointLog}, and published as events in
 * {@link io.opsplane.security.audit.CheckpointCodec} form), catch that.
 * {@link io.opsplane.security.audit.ChainVerifier} streams the ledger in seq order and reports the
 * first problem.
 *
 * <p>The store that uses it: resumes an {@code AuditChain} from its newest row under the append
 * lock, seals and inserts in the same transaction, keeps {@code eventId} unique so a redelivered
 * event appends nothing, reads rows back with empty strings for absent values, and periodically
 * signs a checkpoint of the newest row.
 */
package io.opsplane.security.audit;
