package io.opsplane.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    @Test
    void theFirstRecordGetsSeqOneAndTheGenesisPrevHash() {
        AuditChain chain = AuditChain.empty();

        AuditRecord first = chain.seal(TestLedger.content(1, "a"));

        assertEquals(1, first.seq());
        assertEquals(AuditHashing.GENESIS, first.prevHash());
        assertEquals(AuditHashing.hash(AuditHashing.GENESIS, first), first.hash());
        assertEquals(1, chain.lastSeq());
        assertEquals(first.hash(), chain.lastHash());
    }

    @Test
    void eachSealLinksToThePreviousRecord() {
        AuditChain chain = AuditChain.empty();
        AuditRecord first = chain.seal(TestLedger.content(1, "a"));
        AuditRecord second = chain.seal(TestLedger.content(2, "a"));

        assertEquals(2, second.seq());
        assertEquals(first.hash(), second.prevHash());
        assertEquals(AuditHashing.hash(first.hash(), second), second.hash());
    }

    @Test
    void aChainResumedFromTheNewestRowContinuesIt() {
        AuditChain writer = AuditChain.empty();
        writer.seal(TestLedger.content(1, "a"));
        AuditRecord newest = writer.seal(TestLedger.content(2, "a"));
        AuditRecord expected = writer.seal(TestLedger.content(3, "a"));

        AuditRecord resumed = AuditChain.after(newest.seq(), newest.hash()).seal(TestLedger.content(3, "a"));

        assertEquals(expected, resumed);
    }

    @Test
    void sealingReplacesAnySeqAndHashesTheContentCame() {
        AuditRecord content = TestLedger.content(1, "a").withSeal(77, "forged", "forged");

        AuditRecord sealed = AuditChain.empty().seal(content);

        assertEquals(1, sealed.seq());
        assertEquals(AuditHashing.GENESIS, sealed.prevHash());
        assertTrue(sealed.hash().matches("[0-9a-f]{64}"));
    }

    @Test
    void theSealedRecordKeepsRecordedAtAtTheTablesPrecision() {
        AuditRecord content = TestLedger.content(1, "a");

        AuditRecord sealed = AuditChain.empty().seal(content);

        assertEquals(Instant.parse("2025-03-01T10:00:01.123458023Z"), content.recordedAt());
        assertEquals(Instant.parse("2025-03-01T10:00:01.123458Z"), sealed.recordedAt());
    }

    @Test
    void aTipThatIsNotAHashOrANegativeSeqIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AuditChain.after(3, "not-a-hash"));
        assertThrows(IllegalArgumentException.class, () -> AuditChain.after(3, AuditHashing.GENESIS.toUpperCase() + "A"));
        assertThrows(IllegalArgumentException.class, () -> AuditChain.after(-1, AuditHashing.GENESIS));
    }

    @Test
    void absentValuesAreEmptyStringsNeverNull() {
        NullPointerException refused = assertThrows(NullPointerException.class,
                () -> AuditRecord.unsealed(Instant.EPOCH, "e", null, "", "", "", "", "", "", "", ""));
        assertTrue(refused.getMessage().contains("subject"), refused.getMessage());
        assertThrows(NullPointerException.class,
                () -> AuditRecord.unsealed(null, "e", "", "", "", "", "", "", "", "", ""));
    }
}
