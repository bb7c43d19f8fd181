package io.opsplane.security.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Ledgers, keys and checkpoints for the audit tests. */
final class TestLedger {

    /** Bytes 0..31. */
    static final CheckpointKey KEY = CheckpointKey.fromBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    /** Bytes 32..63. */
    static final CheckpointKey OTHER_KEY = CheckpointKey.fromBase64("ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=");
    static final CheckpointSigner SIGNER = new CheckpointSigner(KEY);
    static final CheckpointSigner OTHER_SIGNER = new CheckpointSigner(OTHER_KEY);
    /** Has nanoseconds, so sealing has something to truncate. */
    static final Instant START = Instant.parse("2025-03-01T10:00:00.123456789Z");

    private static final String[] SUBJECTS = {"alice", "ci-bot", ""};
    private static final String[] OUTCOMES = {"succeeded", "failed", "denied"};

    private TestLedger() {
    }

    /** The content of the {@code i}-th entry; {@code variant} makes content that differs from another variant's. */
    static AuditRecord content(long i, String variant) {
        return AuditRecord.unsealed(START.plusSeconds(i).plusNanos(i * 1_234), "evt-" + variant + "-" + i,
                SUBJECTS[(int) (i % 3)], i % 3 == 2 ? "" : "tok-" + (i % 7), "192.0.2." + (i % 250),
                "pipeline-service", "pipelines:run", "pipeline:web", "POST /api/pipelines/web/runs #" + i,
                OUTCOMES[(int) (i % 3)], "corr-" + variant + "-" + i);
    }

    /** A correctly sealed ledger of {@code n} records. */
    static List<AuditRecord> chain(int n) {
        return extend(List.of(), n, "original");
    }

    /** {@code records} with records appended, sealed onto its last one, until seq {@code upTo}. */
    static List<AuditRecord> extend(List<AuditRecord> records, long upTo, String variant) {
        AuditChain chain = records.isEmpty() ? AuditChain.empty()
                : AuditChain.after(last(records).seq(), last(records).hash());
        List<AuditRecord> extended = new ArrayList<>(records);
        while (chain.lastSeq() < upTo) {
            extended.add(chain.seal(content(chain.lastSeq() + 1, variant)));
        }
        return extended;
    }

    /** A checkpoint of the record at {@code seq} of {@code records}, signed with {@link #KEY}. */
    static Checkpoint checkpointAt(List<AuditRecord> records, long seq) {
        AuditRecord record = records.stream().filter(r -> r.seq() == seq).findFirst().orElseThrow();
        return SIGNER.sign(seq, record.hash(), START.plusSeconds(seq + 1));
    }

    /** The records with seq 1, 2, 3… in list order, as after rows were renumbered. */
    static List<AuditRecord> renumbered(List<AuditRecord> records) {
        List<AuditRecord> result = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            AuditRecord record = records.get(i);
            result.add(record.withSeal(i + 1, record.prevHash(), record.hash()));
        }
        return result;
    }

    static VerifyReport verify(List<AuditRecord> records, List<Checkpoint> checkpoints) {
        return new ChainVerifier().verify(records.iterator(), checkpoints, SIGNER);
    }

    static AuditRecord last(List<AuditRecord> records) {
        return records.get(records.size() - 1);
    }

    /** {@code hex} with its first digit changed. */
    static String flipFirstDigit(String hex) {
        return (hex.charAt(0) == '0' ? "1" : "0") + hex.substring(1);
    }
}
