package io.opsplane.security.audit;

import java.util.Optional;

/**
 * The outcome of {@link ChainVerifier#verify}.
 *
 * @param finding the first problem, empty when the ledger is intact
 * @param recordsChecked records read from the ledger; after the first problem the rest are only
 *     counted and compared with the checkpoints' seq, not verified
 * @param firstSeq seq of the first record, 0 for an empty ledger
 * @param lastSeq seq of the last record, 0 for an empty ledger
 * @param newestCheckpointSeq highest seq among checkpoints whose signature verifies, 0 when none
 * @param truncatedSinceCheckpoint the ledger lost records a checkpoint vouched for: the finding is
 *     {@link TamperKind#TRUNCATED}, or the ledger ends before {@code newestCheckpointSeq}
 */
public record VerifyReport(
        Optional<Finding> finding,
        long recordsChecked,
        long firstSeq,
        long lastSeq,
        long newestCheckpointSeq,
        boolean truncatedSinceCheckpoint) {

    /** True when nothing was found. */
    public boolean ok() {
        return finding.isEmpty();
    }

    /** One line for a log or a command's output. */
    public String describe() {
        String range = recordsChecked == 0 ? "no records" : recordsChecked + " records, seq " + firstSeq + ".." + lastSeq;
        String checkpoint = newestCheckpointSeq == 0 ? "no checkpoint" : "newest checkpoint at seq " + newestCheckpointSeq;
        return finding.map(found -> "audit ledger tampered: " + found + " (" + range + ", " + checkpoint + ")")
                .orElse("audit ledger intact (" + range + ", " + checkpoint + ")");
    }
}
