package io.opsplane.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChainVerifierTest {

    private static final int N = 100;
    private static final List<AuditRecord> LEDGER = TestLedger.chain(N);
    private static final Checkpoint AT_TIP = TestLedger.checkpointAt(LEDGER, N);

    /** A tampering of {@link #LEDGER} and its checkpoints, and what the verifier must report. */
    private record Tampering(UnaryOperator<List<AuditRecord>> records, List<Checkpoint> checkpoints,
            TamperKind kind, long seq) {

        static Tampering ofRecords(UnaryOperator<List<AuditRecord>> records, TamperKind kind, long seq) {
            return new Tampering(records, List.of(AT_TIP), kind, seq);
        }

        static Tampering ofCheckpoints(List<Checkpoint> checkpoints, TamperKind kind, long seq) {
            return new Tampering(UnaryOperator.identity(), checkpoints, kind, seq);
        }
    }

    static Stream<Arguments> tamperings() {
        List<Arguments> cases = new ArrayList<>();
        for (RecordEdits field : RecordEdits.values()) {
            for (int k : new int[] {1, 50, N}) {
                cases.add(Arguments.of("edit " + field + " of record " + k,
                        Tampering.ofRecords(edit(k, field::apply), TamperKind.EDITED, k)));
            }
        }
        cases.add(Arguments.of("blank the summary of record 50", Tampering.ofRecords(edit(50, r -> new AuditRecord(
                r.seq(), r.recordedAt(), r.eventId(), r.subject(), r.tokenId(), r.sourceAddress(), r.service(),
                r.permission(), r.resource(), "", r.outcome(), r.correlationId(), r.prevHash(), r.hash())),
                TamperKind.EDITED, 50)));
        cases.add(Arguments.of("edit record 50 and re-hash it: record 51 no longer links",
                Tampering.ofRecords(edit(50, r -> reHashed(RecordEdits.OUTCOME.apply(r))), TamperKind.DELETED, 51)));
        cases.add(Arguments.of("edit the last record and re-hash it: the checkpoint no longer matches",
                Tampering.ofRecords(edit(N, r -> reHashed(RecordEdits.SUBJECT.apply(r))), TamperKind.TRUNCATED, N)));

        cases.add(Arguments.of("delete record 50", Tampering.ofRecords(delete(50), TamperKind.DELETED, 50)));
        cases.add(Arguments.of("delete the first record", Tampering.ofRecords(delete(1), TamperKind.DELETED, 1)));
        cases.add(Arguments.of("delete the last record, which a checkpoint vouches for",
                Tampering.ofRecords(delete(N), TamperKind.TRUNCATED, N)));
        cases.add(Arguments.of("delete records 40 to 45", Tampering.ofRecords(
                records -> without(records, 40, 46), TamperKind.DELETED, 40)));
        cases.add(Arguments.of("delete record 50 and renumber the rest",
                Tampering.ofRecords(delete(50).andThen(TestLedger::renumbered)::apply, TamperKind.DELETED, 50)));
        cases.add(Arguments.of("delete the first record and renumber the rest",
                Tampering.ofRecords(delete(1).andThen(TestLedger::renumbered)::apply, TamperKind.DELETED, 1)));

        cases.add(Arguments.of("swap the seq of records 50 and 51",
                Tampering.ofRecords(swapAdjacent(50), TamperKind.REORDERED, 50)));
        cases.add(Arguments.of("swap the seq of records 1 and 2",
                Tampering.ofRecords(swapAdjacent(1), TamperKind.REORDERED, 1)));
        cases.add(Arguments.of("swap the seq of the last two records",
                Tampering.ofRecords(swapAdjacent(N - 1), TamperKind.REORDERED, N - 1)));
        cases.add(Arguments.of("move record 20 forward to seq 80",
                Tampering.ofRecords(move(20, 80), TamperKind.REORDERED, 20)));
        cases.add(Arguments.of("move record 80 back to seq 20",
                Tampering.ofRecords(move(80, 20), TamperKind.REORDERED, 20)));
        cases.add(Arguments.of("move record 10 forward to seq 75, 65 places: past the look-ahead, it reads as deleted",
                Tampering.ofRecords(move(10, 75), TamperKind.DELETED, 10)));
        cases.add(Arguments.of("repeat a seq", Tampering.ofRecords(records -> {
            List<AuditRecord> repeated = new ArrayList<>(records);
            repeated.add(50, records.get(49));
            return repeated;
        }, TamperKind.REORDERED, 50)));

        cases.add(Arguments.of("truncate the tail below the checkpoint",
                Tampering.ofRecords(records -> records.subList(0, 80), TamperKind.TRUNCATED, 81)));
        cases.add(Arguments.of("truncate everything",
                Tampering.ofRecords(records -> List.of(), TamperKind.TRUNCATED, 1)));
        cases.add(Arguments.of("truncate, then append valid records past the checkpoint",
                Tampering.ofRecords(regrow(80, 130), TamperKind.TRUNCATED, N)));
        cases.add(Arguments.of("truncate, then append valid records up to the checkpoint",
                Tampering.ofRecords(regrow(80, N), TamperKind.TRUNCATED, N)));
        cases.add(Arguments.of("truncate, then append valid records short of the checkpoint",
                Tampering.ofRecords(regrow(80, 90), TamperKind.TRUNCATED, 91)));
        cases.add(Arguments.of("truncate between two checkpoints, then append past both",
                new Tampering(regrow(60, 120), List.of(TestLedger.checkpointAt(LEDGER, 50), AT_TIP),
                        TamperKind.TRUNCATED, N)));

        cases.add(Arguments.of("forge the checkpoint's signature",
                Tampering.ofCheckpoints(List.of(withSignature(AT_TIP, TestLedger.flipFirstDigit(AT_TIP.signature()))),
                        TamperKind.CHECKPOINT_INVALID, N)));
        cases.add(Arguments.of("checkpoint signed with another key",
                Tampering.ofCheckpoints(List.of(TestLedger.OTHER_SIGNER.sign(N, AT_TIP.hash(), AT_TIP.createdAt())),
                        TamperKind.CHECKPOINT_INVALID, N)));
        cases.add(Arguments.of("checkpoint moved back to an earlier seq", Tampering.ofCheckpoints(
                List.of(new Checkpoint(80, AT_TIP.hash(), AT_TIP.createdAt(), AT_TIP.keyId(), AT_TIP.signature())),
                TamperKind.CHECKPOINT_INVALID, 80)));
        cases.add(Arguments.of("a forged checkpoint after a valid one", Tampering.ofCheckpoints(
                List.of(TestLedger.checkpointAt(LEDGER, 50), withSignature(AT_TIP, "0".repeat(64))),
                TamperKind.CHECKPOINT_INVALID, N)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void theFirstProblemIsClassifiedAndLocated(String label, Tampering tampering) {
        VerifyReport report = TestLedger.verify(tampering.records().apply(LEDGER), tampering.checkpoints());

        Finding finding = report.finding().orElseThrow(() -> new AssertionError("not detected: " + label));
        assertEquals(tampering.kind(), finding.kind(), finding.toString());
        assertEquals(tampering.seq(), finding.seq(), finding.toString());
        assertFalse(finding.detail().isBlank());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, N})
    void anIntactLedgerWithACheckpointAtItsTipIsOk(int n) {
        List<AuditRecord> ledger = TestLedger.chain(n);
        List<Checkpoint> checkpoints = n == 0 ? List.of() : List.of(TestLedger.checkpointAt(ledger, n));

        VerifyReport report = TestLedger.verify(ledger, checkpoints);

        assertEquals(new VerifyReport(Optional.empty(), n, n == 0 ? 0 : 1, n, n, false), report);
        assertTrue(report.ok());
    }

    @Test
    void anIntactLedgerGrownPastItsCheckpointsIsOk() {
        List<Checkpoint> checkpoints = List.of(TestLedger.checkpointAt(LEDGER, 10), TestLedger.checkpointAt(LEDGER, 70));

        VerifyReport report = TestLedger.verify(LEDGER, checkpoints);

        assertEquals(new VerifyReport(Optional.empty(), N, 1, N, 70, false), report);
    }

    @Test
    void checkpointsAreMatchedInSeqOrderWhateverOrderTheyCameIn() {
        List<Checkpoint> checkpoints = new ArrayList<>(List.of(TestLedger.checkpointAt(LEDGER, 10), AT_TIP,
                TestLedger.checkpointAt(LEDGER, 70), TestLedger.checkpointAt(LEDGER, 70)));
        Collections.reverse(checkpoints);

        assertTrue(TestLedger.verify(LEDGER, checkpoints).ok());
    }

    @Test
    void anEmptyLedgerWithoutCheckpointsIsOk() {
        VerifyReport report = TestLedger.verify(List.of(), List.of());

        assertEquals(new VerifyReport(Optional.empty(), 0, 0, 0, 0, false), report);
        assertEquals("audit ledger intact (no records, no checkpoint)", report.describe());
    }

    @Test
    void anEmptyLedgerWithACheckpointIsTruncated() {
        VerifyReport report = TestLedger.verify(List.of(), List.of(AT_TIP));

        assertEquals(TamperKind.TRUNCATED, report.finding().orElseThrow().kind());
        assertEquals(1, report.finding().orElseThrow().seq());
        assertTrue(report.truncatedSinceCheckpoint());
        assertEquals(N, report.newestCheckpointSeq());
    }

    @Test
    void aTruncationReportsWhereTheLedgerNowEnds() {
        VerifyReport report = TestLedger.verify(LEDGER.subList(0, 80), List.of(AT_TIP));

        assertEquals(80, report.recordsChecked());
        assertEquals(1, report.firstSeq());
        assertEquals(80, report.lastSeq());
        assertEquals(N, report.newestCheckpointSeq());
        assertTrue(report.truncatedSinceCheckpoint());
        assertEquals("audit ledger tampered: TRUNCATED at seq 81: the ledger ends at seq 80 but a checkpoint vouches "
                + "for seq 100: records from seq 81 on were removed (80 records, seq 1..80, newest checkpoint at seq 100)",
                report.describe());
    }

    @Test
    void aTailRegrownPastTheCheckpointIsTruncatedThoughItEndsLater() {
        VerifyReport report = TestLedger.verify(regrow(80, 130).apply(LEDGER), List.of(AT_TIP));

        assertTrue(report.truncatedSinceCheckpoint());
        assertEquals(130, report.lastSeq());
        assertEquals(130, report.recordsChecked());
    }

    @Test
    void theReportDescribesTheWholeLedgerEvenAfterAnEarlierProblem() {
        List<AuditRecord> tampered = edit(5, RecordEdits.SUMMARY::apply).apply(LEDGER).subList(0, 80);

        VerifyReport report = TestLedger.verify(tampered, List.of(AT_TIP));

        assertEquals(TamperKind.EDITED, report.finding().orElseThrow().kind());
        assertEquals(5, report.finding().orElseThrow().seq());
        assertEquals(80, report.recordsChecked());
        assertEquals(80, report.lastSeq());
        assertTrue(report.truncatedSinceCheckpoint());
    }

    @Test
    void aReorderedTailIsNotTakenForATruncation() {
        VerifyReport report = TestLedger.verify(swapAdjacent(N - 1).apply(LEDGER), List.of(AT_TIP));

        assertEquals(TamperKind.REORDERED, report.finding().orElseThrow().kind());
        assertFalse(report.truncatedSinceCheckpoint());
    }

    @Test
    void anInvalidCheckpointDoesNotCountAsNewest() {
        Checkpoint forged = withSignature(AT_TIP, TestLedger.flipFirstDigit(AT_TIP.signature()));

        VerifyReport report = TestLedger.verify(LEDGER, List.of(TestLedger.checkpointAt(LEDGER, 40), forged));

        assertEquals(40, report.newestCheckpointSeq());
        assertEquals(N, report.recordsChecked());
    }

    @Test
    void theLookAheadBoundsHowFarAMovedRecordIsRecognised() {
        List<AuditRecord> moved = move(20, 30).apply(LEDGER);

        assertEquals(TamperKind.REORDERED, kindFound(new ChainVerifier(10), moved));
        assertEquals(TamperKind.DELETED, kindFound(new ChainVerifier(9), moved));
        assertEquals(ChainVerifier.DEFAULT_LOOK_AHEAD, new ChainVerifier().lookAhead());
    }

    @Test
    void withoutACheckpointATruncatedTailCannotBeSeen() {
        // Why checkpoints exist: the remaining records are a valid chain on their own.
        assertTrue(TestLedger.verify(LEDGER.subList(0, 80), List.of()).ok());
        assertTrue(TestLedger.verify(LEDGER.subList(0, 80), List.of(TestLedger.checkpointAt(LEDGER, 80))).ok());
    }

    private static TamperKind kindFound(ChainVerifier verifier, List<AuditRecord> records) {
        return verifier.verify(records.iterator(), List.of(AT_TIP), TestLedger.SIGNER).finding().orElseThrow().kind();
    }

    /** The records with record {@code seq} replaced by {@code change} of it. */
    private static UnaryOperator<List<AuditRecord>> edit(long seq, UnaryOperator<AuditRecord> change) {
        return records -> {
            List<AuditRecord> edited = new ArrayList<>(records);
            edited.set((int) seq - 1, change.apply(records.get((int) seq - 1)));
            return edited;
        };
    }

    /** {@code record} with the hash its content and prevHash give, as someone covering up an edit would store it. */
    private static AuditRecord reHashed(AuditRecord record) {
        return record.withSeal(record.seq(), record.prevHash(), AuditHashing.hash(record.prevHash(), record));
    }

    private static UnaryOperator<List<AuditRecord>> delete(long seq) {
        return records -> without(records, seq, seq + 1);
    }

    /** The records without seq {@code from} (inclusive) to {@code to} (exclusive). */
    private static List<AuditRecord> without(List<AuditRecord> records, long from, long to) {
        List<AuditRecord> kept = new ArrayList<>(records.subList(0, (int) from - 1));
        kept.addAll(records.subList((int) to - 1, records.size()));
        return kept;
    }

    /** Records {@code seq} and {@code seq + 1} exchange their seq, so they are read in the other order. */
    private static UnaryOperator<List<AuditRecord>> swapAdjacent(long seq) {
        return records -> {
            List<AuditRecord> swapped = new ArrayList<>(records);
            Collections.swap(swapped, (int) seq - 1, (int) seq);
            return TestLedger.renumbered(swapped);
        };
    }

    /** The record at {@code from} is given seq {@code to}; the records between shift by one. */
    private static UnaryOperator<List<AuditRecord>> move(long from, long to) {
        return records -> {
            List<AuditRecord> moved = new ArrayList<>(records);
            AuditRecord record = moved.remove((int) from - 1);
            moved.add((int) to - 1, record);
            return TestLedger.renumbered(moved);
        };
    }

    /** The records up to seq {@code keep}, then new valid records up to seq {@code upTo}. */
    private static UnaryOperator<List<AuditRecord>> regrow(long keep, long upTo) {
        return records -> TestLedger.extend(records.subList(0, (int) keep), upTo, "regrown");
    }

    private static Checkpoint withSignature(Checkpoint checkpoint, String signature) {
        return new Checkpoint(checkpoint.seq(), checkpoint.hash(), checkpoint.createdAt(), checkpoint.keyId(), signature);
    }
}
