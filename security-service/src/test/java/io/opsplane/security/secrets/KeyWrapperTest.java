package io.opsplane.security.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyWrapperTest {

    private final MasterKey masterKey = KeyFixtures.masterKey();
    private final DataKey dataKey = DataKey.generate();
    private final WrappedDataKey wrapped = KeyWrapper.wrap(dataKey, masterKey);

    static Stream<Arguments> ringsHoldingTheMasterKey() {
        MasterKey key = KeyFixtures.masterKey();
        return Stream.of(
                Arguments.of("current only", key, KeyFixtures.ring(key)),
                Arguments.of("current with previous", key, KeyFixtures.ring(key, KeyFixtures.masterKey())),
                Arguments.of("previous", key, KeyFixtures.ring(KeyFixtures.masterKey(), key)),
                Arguments.of("oldest of previous", key,
                        KeyFixtures.ring(KeyFixtures.masterKey(), KeyFixtures.masterKey(), key)));
    }

    @ParameterizedTest(name = "[{index}] master key {0}")
    @MethodSource("ringsHoldingTheMasterKey")
    void aWrappedKeyUnwrapsToTheSameKeyWhereverTheMasterKeySitsInTheRing(String where, MasterKey key, KeyRing ring) {
        WrappedDataKey wrappedUnderKey = KeyWrapper.wrap(dataKey, key);

        try (DataKey unwrapped = KeyWrapper.unwrap(wrappedUnderKey, ring)) {
            assertEquals(dataKey.id(), unwrapped.id());
            assertArrayEquals(dataKey.bytes(), unwrapped.bytes());
        }
    }

    @Test
    void theWrappedKeyRecordsTheDataKeyIdAndTheMasterKeyIdAndHidesTheKey() {
        assertEquals(dataKey.id(), wrapped.id());
        assertEquals(masterKey.keyId(), wrapped.masterKeyId());
        assertEquals(12, wrapped.nonce().length);
        assertEquals(48, wrapped.ciphertext().length, "32 bytes of key and a 16-byte tag");
        String keyHex = HexFormat.of().formatHex(dataKey.bytes());
        assertFalse(HexFormat.of().formatHex(wrapped.ciphertext()).contains(keyHex));
    }

    @Test
    void eachWrappingDrawsANewNonceAndGivesANewCiphertext() {
        Set<String> nonces = new HashSet<>();
        Set<String> ciphertexts = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            WrappedDataKey again = KeyWrapper.wrap(dataKey, masterKey);
            nonces.add(HexFormat.of().formatHex(again.nonce()));
            ciphertexts.add(HexFormat.of().formatHex(again.ciphertext()));
        }

        assertEquals(20, nonces.size());
        assertEquals(20, ciphertexts.size());
    }

    static IntStream everyNonceAndCiphertextByte() {
        return IntStream.range(0, 12 + 48);
    }

    @ParameterizedTest(name = "byte {0}")
    @MethodSource("everyNonceAndCiphertextByte")
    void changingAnyByteOfTheNonceCiphertextOrTagMakesUnwrappingFail(int position) {
        byte[] nonce = wrapped.nonce();
        byte[] ciphertext = wrapped.ciphertext();
        if (position < nonce.length) {
            nonce[position] ^= 1;
        } else {
            ciphertext[position - nonce.length] ^= 1;
        }
        WrappedDataKey tampered = new WrappedDataKey(wrapped.id(), wrapped.masterKeyId(), nonce, ciphertext);

        SecretCryptoException e = assertThrows(SecretCryptoException.class,
                () -> KeyWrapper.unwrap(tampered, KeyFixtures.ring(masterKey)));

        assertEquals("cannot unwrap data key " + wrapped.id() + " with master key " + masterKey.keyId()
                + ": it was wrapped under another key, or the stored key was changed", e.getMessage());
        KeyFixtures.assertNotMentioned(e, masterKey.bytes());
        KeyFixtures.assertNotMentioned(e, dataKey.bytes());
    }

    @Test
    void aWrappedKeyMovedToAnotherIdFailsToUnwrap() {
        WrappedDataKey moved = new WrappedDataKey(UUID.randomUUID(), wrapped.masterKeyId(), wrapped.nonce(),
                wrapped.ciphertext());

        assertThrows(SecretCryptoException.class, () -> KeyWrapper.unwrap(moved, KeyFixtures.ring(masterKey)));
    }

    @Test
    void aWrappedKeyRelabelledWithAnotherMasterKeyOfTheRingFailsToUnwrap() {
        MasterKey other = KeyFixtures.masterKey();
        WrappedDataKey relabelled = new WrappedDataKey(wrapped.id(), other.keyId(), wrapped.nonce(),
                wrapped.ciphertext());

        SecretCryptoException e = assertThrows(SecretCryptoException.class,
                () -> KeyWrapper.unwrap(relabelled, KeyFixtures.ring(other, masterKey)));

        assertTrue(e.getMessage().startsWith("cannot unwrap data key " + wrapped.id() + " with master key "
                + other.keyId()), e.getMessage());
        KeyFixtures.assertNotMentioned(e, other.bytes());
    }

    @Test
    void aRingWithoutTheMasterKeyFailsNamingTheMissingKeyId() {
        SecretCryptoException e = assertThrows(SecretCryptoException.class,
                () -> KeyWrapper.unwrap(wrapped, KeyFixtures.ring(KeyFixtures.masterKey(), KeyFixtures.masterKey())));

        assertTrue(e.getMessage().startsWith("master key " + masterKey.keyId() + " is not in the key ring"),
                e.getMessage());
        KeyFixtures.assertNotMentioned(e, masterKey.bytes());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("0123456789ABCDEF", 12, 48, "masterKeyId must be 16 lowercase hex digits"),
                Arguments.of("0123456789abcde", 12, 48, "masterKeyId must be 16 lowercase hex digits"),
                Arguments.of("0123456789abcdef0", 12, 48, "masterKeyId must be 16 lowercase hex digits"),
                Arguments.of("0123456789abcdef", 11, 48, "nonce must be 12 bytes, not 11"),
                Arguments.of("0123456789abcdef", 13, 48, "nonce must be 12 bytes, not 13"),
                Arguments.of("0123456789abcdef", 12, 47, "ciphertext of a wrapped data key must be 48 bytes, not 47"),
                Arguments.of("0123456789abcdef", 12, 49, "ciphertext of a wrapped data key must be 48 bytes, not 49"));
    }

    @ParameterizedTest(name = "[{index}] {0}, {1}-byte nonce, {2}-byte ciphertext")
    @MethodSource("malformed")
    void aWrappedKeyOfTheWrongShapeIsRefused(String masterKeyId, int nonceBytes, int ciphertextBytes,
            String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WrappedDataKey(
                UUID.randomUUID(), masterKeyId, new byte[nonceBytes], new byte[ciphertextBytes]));

        assertEquals(message, e.getMessage());
    }

    @Test
    void aWrappedKeyKeepsItsOwnCopiesOfTheBytes() {
        byte[] nonce = wrapped.nonce();
        byte[] ciphertext = wrapped.ciphertext();
        WrappedDataKey copy = new WrappedDataKey(wrapped.id(), wrapped.masterKeyId(), nonce, ciphertext);

        nonce[0] ^= 1;
        copy.ciphertext()[0] ^= 1;

        assertEquals(wrapped, copy);
        assertEquals(wrapped.hashCode(), copy.hashCode());
        assertNotEquals(wrapped, KeyWrapper.wrap(dataKey, masterKey));
    }

    @Test
    void theTextOfAWrappedKeyNamesItsIdsOnly() {
        assertEquals("WrappedDataKey[id=" + dataKey.id() + ", masterKeyId=" + masterKey.keyId() + "]",
                wrapped.toString());
    }

    @Test
    void aClosedDataKeyIsZeroedAndRefusesUse() {
        DataKey key = DataKey.generate();
        byte[] bytes = key.bytes();

        key.close();

        assertArrayEquals(new byte[32], bytes);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeyWrapper.wrap(key, masterKey));
        assertEquals("data key " + key.id() + " is closed", e.getMessage());
    }

    @Test
    void eachGeneratedDataKeyHasItsOwnIdAndBytes() {
        DataKey other = DataKey.generate();

        assertNotEquals(dataKey.id(), other.id());
        assertFalse(Arrays.equals(dataKey.bytes(), other.bytes()));
        assertEquals("DataKey[" + dataKey.id() + "]", dataKey.toString());
    }
}
