package io.opsplane.security.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeyTest {

    @Test
    void theKeyIdIsTheFirst16HexDigitsOfTheSha256OfTheKey() {
        // SHA-256 of 32 zero bytes is 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925.
        assertEquals("66687aadf862bd77", MasterKey.of(new byte[32]).keyId());
    }

    @Test
    void theSameBytesGiveTheSameIdAndOtherBytesAnother() {
        byte[] bytes = CryptoRandom.bytes(32);
        byte[] other = bytes.clone();
        other[31] ^= 1;

        assertEquals(MasterKey.of(bytes).keyId(), MasterKey.of(bytes.clone()).keyId());
        assertNotEquals(MasterKey.of(bytes).keyId(), MasterKey.of(other).keyId());
    }

    @Test
    void theKeyKeepsItsOwnCopyOfTheBytes() {
        byte[] bytes = CryptoRandom.bytes(32);
        MasterKey key = MasterKey.of(bytes);
        String keyId = key.keyId();

        bytes[0] ^= 1;

        assertEquals(keyId, MasterKey.of(key.bytes()).keyId());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 16, 31, 33, 64})
    void onlyExactly32BytesAreAKey(int length) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MasterKey.of(new byte[length]));

        assertEquals("a master key is exactly 32 bytes, not " + length, e.getMessage());
    }

    @Test
    void itsTextShowsTheIdOnly() {
        MasterKey key = KeyFixtures.masterKey();

        assertEquals("MasterKey[" + key.keyId() + "]", key.toString());
        assertFalse(key.toString().contains(HexFormat.of().formatHex(key.bytes())));
    }
}
