package io.opsplane.security.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the audit ledger in one pass and names the first problem: which kind, at which seq.
 *
 * <p>Checkpoint signatures are checked first, since every truncation verdict rests on them. Then
 * each record, in seq order, must follow its predecessor's seq by one, hash to its stored hash, and
 * carry its predecessor's hash as prevHash; the record at a checkpoint's seq must carry the
 * checkpoint's hash; and the ledger must not end before the newest checkpoint.
 *
 * <p>A record that does not link to its predecessor is told apart as reordered or deleted by
 * looking ahead at most {@link #lookAhead()} records (64 by default) for the record it links to.
 * A record moved further than that reads as a deletion. Memory is that window plus the
 * checkpoints, whatever the number of records, so a million rows can be streamed from a cursor.
 *
 * <p>What no check can see: records appended after the newest checkpoint that rewrite the tail from
 * the checkpoint on are a valid chain. Checkpoints taken often bound that window.
 */
public final class ChainVerifier {

    public static final int DEFAULT_LOOK_AHEAD = 64;

    private final int lookAhead;

    public ChainVerifier() {
        this(DEFAULT_LOOK_AHEAD);
    }

    public ChainVerifier(int lookAhead) {
        if (lookAhead < 1) {
            throw new IllegalArgumentException("lookAhead must be 1 or more: " + lookAhead);
        }
        this.lookAhead = lookAhead;
    }

    /** How many records past a broken link are searched for the record it links to. */
    public int lookAhead() {
        return lookAhead;
    }

    /**
     * Verifies the records {@code inSeqOrder} (the whole ledger, ascending seq, read as stored)
     * against {@code checkpoints}, whose signatures {@code signer} checks. The iterator is read to
     * its end even after a problem, so the report's counts and truncation flag describe the whole
     * ledger.
     */
    public VerifyReport verify(Iterator<AuditRecord> inSeqOrder, List<Checkpoint> checkpoints, CheckpointSigner signer) {
        List<Checkpoint> bySeq = new ArrayList<>(checkpoints);
        bySeq.sort(Comparator.comparingLong(Checkpoint::seq));
        Finding finding = null;
        List<Checkpoint> trusted = new ArrayList<>();
        for (Checkpoint checkpoint : bySeq) {
            if (signer.verify(checkpoint)) {
                trusted.add(checkpoint);
            } else if (finding == null) {
                finding = new Finding(TamperKind.CHECKPOINT_INVALID, checkpoint.seq(), "the checkpoint of "
                        + checkpoint.createdAt() + " (key " + checkpoint.keyId() + ") does not verify under key "
                        + signer.keyId() + ": it was altered, forged or signed with another key");
            }
        }
        long newestCheckpointSeq = trusted.isEmpty() ? 0 : trusted.get(trusted.size() - 1).seq();

        LookAheadReader records = new LookAheadReader(inSeqOrder, lookAhead);
        long count = 0;
        long firstSeq = 0;
        long previousSeq = 0;
        String previousHash = AuditHashing.GENESIS;
        int nextCheckpoint = 0;
        while (records.hasNext()) {
            AuditRecord record = records.next();
            if (count++ == 0) {
                firstSeq = record.seq();
            }
            if (finding == null) {
                finding = checkRecord(record, previousSeq, previousHash, records);
            }
            while (nextCheckpoint < trusted.size() && trusted.get(nextCheckpoint).seq() <= record.seq()) {
                Checkpoint checkpoint = trusted.get(nextCheckpoint++);
                if (finding == null && checkpoint.seq() == record.seq() && !checkpoint.hash().equals(record.hash())) {
                    finding = new Finding(TamperKind.TRUNCATED, record.seq(), "record " + record.seq()
                            + " is not the one the checkpoint of " + checkpoint.createdAt() + " signed, though the "
                            + "records before it are consistent: the ledger was cut back and records appended since");
                }
            }
            previousSeq = record.seq();
            previousHash = record.hash();
        }
        long lastSeq = previousSeq;
        boolean endsBeforeCheckpoint = lastSeq < newestCheckpointSeq;
        if (finding == null && endsBeforeCheckpoint) {
            finding = new Finding(TamperKind.TRUNCATED, lastSeq + 1, (count == 0 ? "the ledger is empty"
                    : "the ledger ends at seq " + lastSeq) + " but a checkpoint vouches for seq " + newestCheckpointSeq
                    + ": records from seq " + (lastSeq + 1) + " on were removed");
        }
        boolean truncated = endsBeforeCheckpoint || finding != null && finding.kind() == TamperKind.TRUNCATED;
        return new VerifyReport(Optional.ofNullable(finding), count, firstSeq, lastSeq, newestCheckpointSeq, truncated);
    }

    /** The problem with {@code record} given the record before it, or null when it fits. */
    private static Finding checkRecord(AuditRecord record, long previousSeq, String previousHash,
            LookAheadReader records) {
        long seq = record.seq();
        if (seq <= previousSeq) {
            return new Finding(TamperKind.REORDERED, seq, "seq " + seq + " comes after seq " + previousSeq
                    + ": the records are not in seq order, or a seq is repeated");
        }
        if (seq > previousSeq + 1) {
            long missing = previousSeq + 1;
            return new Finding(TamperKind.DELETED, missing, seq == missing + 1 ? "record " + missing + " is missing"
                    : "records " + missing + " to " + (seq - 1) + " are missing");
        }
        if (!AuditHashing.hash(record.prevHash(), record).equals(record.hash())) {
            return new Finding(TamperKind.EDITED, seq, "the stored hash is not the hash of the record's content: "
                    + "the record was changed after it was sealed");
        }
        if (record.prevHash().equals(previousHash)) {
            return null;
        }
        Optional<AuditRecord> linked = records.findAhead(record.prevHash());
        if (linked.isPresent()) {
            return new Finding(TamperKind.REORDERED, seq, "record " + seq + " links to the record now at seq "
                    + linked.get().seq() + ", which comes after it: records were moved");
        }
        String predecessor = previousSeq == 0 ? "the start of the chain" : "record " + previousSeq;
        return new Finding(TamperKind.DELETED, seq, "record " + seq + " does not link to " + predecessor
                + " nor to any of the next " + records.capacity() + " records: a record before it was removed"
                + (previousSeq == 0 ? "" : ", or record " + previousSeq + " was replaced"));
    }

    /** The records in order, with up to {@code capacity} of the upcoming ones readable in advance. */
    private static final class LookAheadReader {

        private final Iterator<AuditRecord> source;
        private final ArrayDeque<AuditRecord> ahead;
        private final int capacity;

        LookAheadReader(Iterator<AuditRecord> source, int capacity) {
            this.source = source;
            this.capacity = capacity;
            this.ahead = new ArrayDeque<>(capacity);
        }

        boolean hasNext() {
            return !ahead.isEmpty() || source.hasNext();
        }

        AuditRecord next() {
            return ahead.isEmpty() ? source.next() : ahead.poll();
        }

        /** The first upcoming record, within the window, whose stored hash is {@code hash}. */
        Optional<AuditRecord> findAhead(String hash) {
            while (ahead.size() < capacity && source.hasNext()) {
                ahead.add(source.next());
            }
            return ahead.stream().filter(record -> record.hash().equals(hash)).findFirst();
        }

        int capacity() {
            return capacity;
        }
    }
}
