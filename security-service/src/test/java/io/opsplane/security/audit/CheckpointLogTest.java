package io.opsplane.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLogTest {

    private static final List<AuditRecord> LEDGER = TestLedger.chain(30);

    @TempDir
    Path dir;

    @Test
    void appendedCheckpointsReadBackInOrder() throws Exception {
        CheckpointLog log = new CheckpointLog(dir.resolve("state/audit-checkpoints.log"));
        List<Checkpoint> written = List.of(TestLedger.checkpointAt(LEDGER, 10), TestLedger.checkpointAt(LEDGER, 20),
                TestLedger.checkpointAt(LEDGER, 30));
        written.forEach(log::append);

        CheckpointLog.Contents contents = log.readAll(TestLedger.SIGNER);

        assertEquals(written, contents.checkpoints());
        assertTrue(contents.clean(), contents.problems().toString());
        assertEquals(written.stream().map(c -> CheckpointCodec.encode(c) + "\n").reduce("", String::concat),
                Files.readString(log.file()));
    }

    @Test
    void aMissingLogHasNoCheckpoints() {
        CheckpointLog.Contents contents = new CheckpointLog(dir.resolve("absent.log")).readAll(TestLedger.SIGNER);

        assertEquals(List.of(), contents.checkpoints());
        assertTrue(contents.clean());
    }

    @Test
    void aCorruptedLineIsReportedAndStillHandedToTheVerifier() throws Exception {
        CheckpointLog log = appended(10, 20, 30);
        List<String> lines = Files.readAllLines(log.file());
        String[] parts = lines.get(1).split(" ");
        parts[1] = TestLedger.flipFirstDigit(parts[1]);
        String corrupted = String.join(" ", parts);
        Files.write(log.file(), List.of(lines.get(0), corrupted, lines.get(2)));

        CheckpointLog.Contents contents = log.readAll(TestLedger.SIGNER);

        assertProblems(contents, problem(2, "signature does not verify"));
        assertEquals(3, contents.checkpoints().size());
        VerifyReport report = TestLedger.verify(LEDGER, contents.checkpoints());
        assertEquals(TamperKind.CHECKPOINT_INVALID, report.finding().orElseThrow().kind());
        assertEquals(20, report.finding().orElseThrow().seq());
    }

    @Test
    void anUnreadableLineIsReportedWithItsNumberAndSkipped() throws Exception {
        CheckpointLog log = appended(10);
        Files.writeString(log.file(), "garbage\n\n", StandardOpenOption.APPEND);
        log.append(TestLedger.checkpointAt(LEDGER, 20));

        CheckpointLog.Contents contents = log.readAll(TestLedger.SIGNER);

        assertProblems(contents, problem(2, "5 space-separated parts"), problem(3, "empty"));
        assertEquals(List.of(10L, 20L), contents.checkpoints().stream().map(Checkpoint::seq).toList());
    }

    @Test
    void aSeqGoingBackwardsIsReported() {
        CheckpointLog log = appended(10, 30, 20);

        CheckpointLog.Contents contents = log.readAll(TestLedger.SIGNER);

        assertProblems(contents, problem(3, "seq 20 goes backwards (line 2 has seq 30)"));
    }

    @Test
    void theSameSeqWithAnotherHashIsReported() {
        CheckpointLog log = appended(10);
        List<AuditRecord> regrown = TestLedger.extend(LEDGER.subList(0, 5), 10, "regrown");
        log.append(TestLedger.checkpointAt(regrown, 10));

        CheckpointLog.Contents contents = log.readAll(TestLedger.SIGNER);

        assertProblems(contents, problem(2, "seq 10 has another hash than on line 1"));
    }

    @Test
    void theSameCheckpointTwiceIsFine() {
        CheckpointLog log = appended(10, 10, 20);

        assertTrue(log.readAll(TestLedger.SIGNER).clean());
    }

    @Test
    void aCheckpointOfAnotherKeyIsReported() {
        CheckpointLog log = appended(10);
        log.append(TestLedger.OTHER_SIGNER.sign(20, LEDGER.get(19).hash(), TestLedger.START));

        CheckpointLog.Contents contents = log.readAll(TestLedger.SIGNER);

        assertProblems(contents, problem(2, "signature does not verify (signed as key " + TestLedger.OTHER_KEY.keyId()
                + ", this key is " + TestLedger.KEY.keyId() + ")"));
    }

    @Test
    void anAppendCutShortIsReportedAndTheNextAppendStaysWhole() throws Exception {
        CheckpointLog log = appended(10);
        String partial = CheckpointCodec.encode(TestLedger.checkpointAt(LEDGER, 20)).substring(0, 50);
        Files.writeString(log.file(), partial, StandardOpenOption.APPEND);
        log.append(TestLedger.checkpointAt(LEDGER, 30));

        CheckpointLog.Contents contents = log.readAll(TestLedger.SIGNER);

        assertProblems(contents, problem(2, "5 space-separated parts"));
        assertEquals(List.of(10L, 30L), contents.checkpoints().stream().map(Checkpoint::seq).toList());
    }

    @Test
    void aLastLineWithoutItsLineEndIsReportedAsCutShort() throws Exception {
        CheckpointLog log = appended(10);
        Files.writeString(log.file(), CheckpointCodec.encode(TestLedger.checkpointAt(LEDGER, 20)),
                StandardOpenOption.APPEND);

        CheckpointLog.Contents contents = log.readAll(TestLedger.SIGNER);

        assertProblems(contents, problem(2, "has no line end: an append was cut short"));
        assertEquals(1, contents.checkpoints().size());
    }

    @Test
    void anOverlongLineIsReportedWithoutBeingHeldWhole() throws Exception {
        CheckpointLog log = appended(10);
        Files.writeString(log.file(), "9".repeat(100_000) + "\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        log.append(TestLedger.checkpointAt(LEDGER, 20));

        CheckpointLog.Contents contents = log.readAll(TestLedger.SIGNER);

        assertProblems(contents, problem(2, "longer than " + CheckpointCodec.MAX_LENGTH + " characters"));
        assertEquals(2, contents.checkpoints().size());
    }

    private CheckpointLog appended(long... seqs) {
        CheckpointLog log = new CheckpointLog(dir.resolve("audit-checkpoints.log"));
        for (long seq : seqs) {
            log.append(TestLedger.checkpointAt(LEDGER, seq));
        }
        return log;
    }

    /** A problem expected on {@code line} whose detail contains {@code fragment}. */
    private record Expected(int line, String fragment) {
    }

    private static Expected problem(int line, String fragment) {
        return new Expected(line, fragment);
    }

    private static void assertProblems(CheckpointLog.Contents contents, Expected... expected) {
        List<CheckpointLog.LineProblem> problems = contents.problems();
        assertEquals(expected.length, problems.size(), problems.toString());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].line(), problems.get(i).lineNumber(), problems.toString());
            assertTrue(problems.get(i).detail().contains(expected[i].fragment()), problems.toString());
        }
    }
}
