package io.opsplane.security.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    private final MasterKey current = KeyFixtures.masterKey();
    private final MasterKey previous = KeyFixtures.masterKey();
    private final MasterKey older = KeyFixtures.masterKey();
    private final KeyRing ring = KeyFixtures.ring(current, previous, older);

    @Test
    void theCurrentKeyIsTheOneGivenAsCurrent() {
        assertSame(current, ring.current());
    }

    @Test
    void everyKeyIsFoundByItsId() {
        for (MasterKey key : List.of(current, previous, older)) {
            assertSame(key, ring.find(key.keyId()).orElseThrow());
            assertSame(key, ring.require(key.keyId()));
        }
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertEquals(Optional.empty(), ring.find(KeyFixtures.masterKey().keyId()));
    }

    @Test
    void requiringAnUnknownIdNamesItAndTheKeysTheRingHolds() {
        String missing = KeyFixtures.masterKey().keyId();

        SecretCryptoException e = assertThrows(SecretCryptoException.class, () -> ring.require(missing));

        assertTrue(e.getMessage().startsWith("master key " + missing + " is not in the key ring (it holds "
                + current.keyId() + ", " + previous.keyId() + ", " + older.keyId() + ")"), e.getMessage());
    }

    @Test
    void theIdsListTheCurrentKeyFirstAndEachKeyOnce() {
        KeyRing repeated = KeyFixtures.ring(current, previous, current, previous, MasterKey.of(older.bytes()));

        assertEquals(List.of(current.keyId(), previous.keyId(), older.keyId()), repeated.keyIds());
        assertSame(current, repeated.current());
    }

    @Test
    void aRingMayHoldTheCurrentKeyOnly() {
        KeyRing alone = KeyRing.of(current, List.of());

        assertEquals(List.of(current.keyId()), alone.keyIds());
        assertEquals(Optional.empty(), alone.find(previous.keyId()));
    }
}
