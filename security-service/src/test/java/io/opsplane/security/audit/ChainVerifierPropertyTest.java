package io.opsplane.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random ledgers with random content, each left intact or given one random tampering. Intact ones
 * must verify; tampered ones must be caught with the kind and seq that tampering implies.
 */
class ChainVerifierPropertyTest {

    private static final int LEDGERS = 1_500;
    private static final int MAX_RECORDS = 150;
    private static final String ALPHABET = "abcXYZ019 :/-_\u00e9\u4e2d\ud83d\ude00";

    /** What was done to a ledger and what the verifier must say about it. */
    private record Tampered(String description, List<AuditRecord> records, List<Checkpoint> checkpoints,
            TamperKind kind, long seq) {
    }

    @Test
    void intactLedgersAlwaysVerify() {
        Random random = new Random(20250301L);
        for (int i = 0; i < LEDGERS; i++) {
            List<AuditRecord> ledger = randomLedger(random, random.nextInt(MAX_RECORDS + 1));
            List<Checkpoint> checkpoints = randomCheckpoints(random, ledger);

            VerifyReport report = TestLedger.verify(ledger, checkpoints);

            assertTrue(report.ok(), () -> "ledger " + ledger.size() + ": " + report.describe());
            assertEquals(ledger.size(), report.recordsChecked());
        }
    }

    @Test
    void everySingleTamperingIsCaughtAndClassified() {
        Random random = new Random(19700101L);
        int[] seen = new int[TamperKind.values().length];
        for (int i = 0; i < LEDGERS; i++) {
            List<AuditRecord> ledger = randomLedger(random, 1 + random.nextInt(MAX_RECORDS));
            List<Checkpoint> checkpoints = new ArrayList<>(randomCheckpoints(random, ledger));
            checkpoints.add(TestLedger.checkpointAt(ledger, ledger.size()));
            Tampered tampered = tamper(random, ledger, checkpoints);

            VerifyReport report = TestLedger.verify(tampered.records(), tampered.checkpoints());

            Finding finding = report.finding()
                    .orElseThrow(() -> new AssertionError("not detected: " + tampered.description()));
            assertEquals(tampered.kind(), finding.kind(), () -> tampered.description() + " -> " + finding);
            assertEquals(tampered.seq(), finding.seq(), () -> tampered.description() + " -> " + finding);
            seen[finding.kind().ordinal()]++;
        }
        for (TamperKind kind : TamperKind.values()) {
            assertTrue(seen[kind.ordinal()] > 0, "no case produced " + kind);
        }
    }

    private static Tampered tamper(Random random, List<AuditRecord> ledger, List<Checkpoint> checkpoints) {
        int n = ledger.size();
        List<AuditRecord> records = new ArrayList<>(ledger);
        int k = 1 + random.nextInt(n);
        switch (random.nextInt(n >= 2 ? 7 : 5)) {
            case 0 -> {
                RecordEdits field = RecordEdits.values()[random.nextInt(RecordEdits.values().length)];
                records.set(k - 1, field.apply(ledger.get(k - 1)));
                return new Tampered("edit " + field + " of " + k + "/" + n, records, checkpoints, TamperKind.EDITED, k);
            }
            case 1 -> {
                records.remove(k - 1);
                boolean renumber = random.nextBoolean();
                return new Tampered("delete " + k + "/" + n + (renumber ? ", renumbered" : ""),
                        renumber ? TestLedger.renumbered(records) : records, checkpoints,
                        k == n ? TamperKind.TRUNCATED : TamperKind.DELETED, k);
            }
            case 2 -> {
                int keep = random.nextInt(n);
                return new Tampered("truncate " + n + " to " + keep, records.subList(0, keep), checkpoints,
                        TamperKind.TRUNCATED, keep + 1);
            }
            case 3 -> {
                int keep = random.nextInt(n);
                int upTo = keep + 1 + random.nextInt(2 * n);
                // The first checkpoint past the cut catches the regrown record at its seq, or the end before it.
                long firstCheckpointAfter = checkpoints.stream().mapToLong(Checkpoint::seq).filter(seq -> seq > keep)
                        .min().orElseThrow();
                return new Tampered("truncate " + n + " to " + keep + ", regrow to " + upTo,
                        TestLedger.extend(records.subList(0, keep), upTo, "regrown"), checkpoints,
                        TamperKind.TRUNCATED, firstCheckpointAfter <= upTo ? firstCheckpointAfter : upTo + 1);
            }
            case 4 -> {
                int index = random.nextInt(checkpoints.size());
                Checkpoint original = checkpoints.get(index);
                Checkpoint forged = random.nextBoolean()
                        ? TestLedger.OTHER_SIGNER.sign(original.seq(), original.hash(), original.createdAt())
                        : new Checkpoint(original.seq(), original.hash(), original.createdAt(), original.keyId(),
                                TestLedger.flipFirstDigit(original.signature()));
                List<Checkpoint> altered = new ArrayList<>(checkpoints);
                altered.set(index, forged);
                long lowestForged = altered.stream().filter(c -> !TestLedger.SIGNER.verify(c))
                        .mapToLong(Checkpoint::seq).min().orElseThrow();
                return new Tampered("forge checkpoint " + original.seq(), records, altered,
                        TamperKind.CHECKPOINT_INVALID, lowestForged);
            }
            case 5 -> {
                int first = 1 + random.nextInt(n - 1);
                Collections.swap(records, first - 1, first);
                return new Tampered("swap " + first + " and " + (first + 1) + " of " + n, TestLedger.renumbered(records),
                        checkpoints, TamperKind.REORDERED, first);
            }
            default -> {
                int to = 1 + random.nextInt(n);
                while (to == k) {
                    to = 1 + random.nextInt(n);
                }
                records.add(to - 1, records.remove(k - 1));
                boolean withinLookAhead = Math.abs(to - k) <= ChainVerifier.DEFAULT_LOOK_AHEAD;
                return new Tampered("move " + k + " to " + to + " of " + n, TestLedger.renumbered(records), checkpoints,
                        withinLookAhead ? TamperKind.REORDERED : TamperKind.DELETED, Math.min(k, to));
            }
        }
    }

    private static List<AuditRecord> randomLedger(Random random, int n) {
        AuditChain chain = AuditChain.empty();
        List<AuditRecord> ledger = new ArrayList<>(n);
        Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000), random.nextInt(1_000_000_000));
        for (int i = 0; i < n; i++) {
            at = at.plusNanos(random.nextInt(1_000_000_000));
            ledger.add(chain.seal(AuditRecord.unsealed(at, "evt-" + i + "-" + text(random), text(random), text(random),
                    text(random), text(random), text(random), text(random), text(random), text(random),
                    text(random))));
        }
        return ledger;
    }

    /** Up to three checkpoints at random seqs of the ledger. */
    private static List<Checkpoint> randomCheckpoints(Random random, List<AuditRecord> ledger) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0 && !ledger.isEmpty(); i--) {
            checkpoints.add(TestLedger.checkpointAt(ledger, 1 + random.nextInt(ledger.size())));
        }
        return checkpoints;
    }

    /** Empty about one time in five, otherwise up to 12 characters, some outside the BMP. */
    private static String text(Random random) {
        int length = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(ALPHABET.length() - 1);
            if (Character.isHighSurrogate(ALPHABET.charAt(at))) {
                text.append(ALPHABET, at, at + 2);
            } else if (!Character.isLowSurrogate(ALPHABET.charAt(at))) {
                text.append(ALPHABET.charAt(at));
            }
        }
        return text.toString();
    }
}
