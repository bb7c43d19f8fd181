package io.opsplane.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditHashingTest {

    private static final AuditRecord SAMPLE = AuditRecord.unsealed(Instant.parse("2025-03-01T10:00:00.123456789Z"),
            "evt-1", "alice", "tok-7", "192.0.2.10", "pipeline-service", "pipelines:run", "pipeline:web",
            "POST /api/pipelines/web/runs \u00fcn\u00efcode", "succeeded", "corr-1");

    @Test
    void genesisIs64Zeros() {
        assertEquals("0000000000000000000000000000000000000000000000000000000000000000", AuditHashing.GENESIS);
    }

    /** The expected value was computed by a separate implementation of the documented encoding. */
    @Test
    void theHashFollowsTheDocumentedEncoding() {
        assertEquals("29e96d3a1a337ec12aefe69fb6d5d3e502e2e5340c0292147f383c3fa60c35fa",
                AuditHashing.hash(AuditHashing.GENESIS, SAMPLE));
    }

    @Test
    void theHashIs64LowercaseHexAndDependsOnPrevHash() {
        String first = AuditHashing.hash(AuditHashing.GENESIS, SAMPLE);
        String chained = AuditHashing.hash(first, SAMPLE);

        assertTrue(first.matches("[0-9a-f]{64}"), first);
        assertNotEquals(first, chained);
    }

    @ParameterizedTest
    @EnumSource(RecordEdits.class)
    void everyStoredFieldButTheHashItselfChangesTheHash(RecordEdits edit) {
        String original = AuditHashing.hash(AuditHashing.GENESIS, SAMPLE);
        AuditRecord edited = edit.apply(SAMPLE.withSeal(1, AuditHashing.GENESIS, original));

        String recomputed = AuditHashing.hash(edited.prevHash(), edited);
        if (edit == RecordEdits.HASH) {
            assertEquals(original, recomputed);
        } else {
            assertNotEquals(original, recomputed);
        }
    }

    @Test
    void seqAndTheStoredHashAreNotCovered() {
        AuditRecord moved = SAMPLE.withSeal(999, "ignored", "ignored too");

        assertEquals(AuditHashing.hash(AuditHashing.GENESIS, SAMPLE), AuditHashing.hash(AuditHashing.GENESIS, moved));
    }

    @Test
    void textMovedAcrossAFieldBoundaryChangesTheHash() {
        AuditRecord left = AuditRecord.unsealed(SAMPLE.recordedAt(), "", "ab", "c", "", "", "", "", "", "", "");
        AuditRecord right = AuditRecord.unsealed(SAMPLE.recordedAt(), "", "a", "bc", "", "", "", "", "", "", "");
        AuditRecord shifted = AuditRecord.unsealed(SAMPLE.recordedAt(), "", "", "abc", "", "", "", "", "", "", "");

        String leftHash = AuditHashing.hash(AuditHashing.GENESIS, left);
        assertNotEquals(leftHash, AuditHashing.hash(AuditHashing.GENESIS, right));
        assertNotEquals(leftHash, AuditHashing.hash(AuditHashing.GENESIS, shifted));
    }

    @Test
    void textMovedBetweenPrevHashAndTheFirstFieldChangesTheHash() {
        AuditRecord plain = AuditRecord.unsealed(SAMPLE.recordedAt(), "x", "", "", "", "", "", "", "", "", "");
        AuditRecord empty = AuditRecord.unsealed(SAMPLE.recordedAt(), "", "", "", "", "", "", "", "", "", "");

        assertNotEquals(AuditHashing.hash("ab", plain), AuditHashing.hash("abx", empty));
    }

    @Test
    void belowAMicrosecondIsNotPartOfTheHashBecauseTheTableDoesNotKeepIt() {
        Instant micros = Instant.parse("2025-03-01T10:00:00.123456Z");
        AuditRecord stored = withRecordedAt(micros);

        assertEquals(AuditHashing.hash(AuditHashing.GENESIS, stored),
                AuditHashing.hash(AuditHashing.GENESIS, withRecordedAt(micros.plusNanos(999))));
        assertNotEquals(AuditHashing.hash(AuditHashing.GENESIS, stored),
                AuditHashing.hash(AuditHashing.GENESIS, withRecordedAt(micros.plusNanos(1_000))));
    }

    @Test
    void instantsBefore1970TruncateTowardsThePastLikeTheStoredValue() {
        Instant justBeforeEpoch = Instant.ofEpochSecond(-1, 999_999_999);

        assertEquals(Instant.ofEpochSecond(-1, 999_999_000), AuditHashing.toStoredPrecision(justBeforeEpoch));
        assertEquals(-1, AuditHashing.epochMicros(justBeforeEpoch));
        assertEquals(AuditHashing.hash(AuditHashing.GENESIS, withRecordedAt(justBeforeEpoch)),
                AuditHashing.hash(AuditHashing.GENESIS, withRecordedAt(AuditHashing.toStoredPrecision(justBeforeEpoch))));
    }

    private static AuditRecord withRecordedAt(Instant recordedAt) {
        return AuditRecord.unsealed(recordedAt, SAMPLE.eventId(), SAMPLE.subject(), SAMPLE.tokenId(),
                SAMPLE.sourceAddress(), SAMPLE.service(), SAMPLE.permission(), SAMPLE.resource(), SAMPLE.summary(),
                SAMPLE.outcome(), SAMPLE.correlationId());
    }
}
