package io.opsplane.security.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RotationTest {

    private static final SecretIdentity IDENTITY = new SecretIdentity("environment:prod", "DB_PASSWORD", 1);

    private final MasterKey oldKey = KeyFixtures.masterKey();
    private final MasterKey newKey = KeyFixtures.masterKey();

    /** A stored secret: its wrapped data key and its sealed value, as rows would hold them. */
    private record Stored(WrappedDataKey wrappedKey, byte[] sealedValue, String value) {
    }

    private List<Stored> storeUnder(MasterKey masterKey, int count) {
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = "value-number-" + i;
            try (DataKey key = DataKey.generate()) {
                stored.add(new Stored(KeyWrapper.wrap(key, masterKey),
                        SecretCipher.seal(key, IDENTITY, value).toBytes(), value));
            }
        }
        return stored;
    }

    private static String open(WrappedDataKey wrappedKey, byte[] sealedValue, KeyRing ring) {
        try (DataKey key = KeyWrapper.unwrap(wrappedKey, ring)) {
            return SecretCipher.open(key, IDENTITY, SealedValue.fromBytes(sealedValue));
        }
    }

    @Test
    void aRotationRewrapsDataKeysWhileEveryValueStaysReadableAndUntouched() {
        List<Stored> before = storeUnder(oldKey, 3);

        // The new key becomes current; the old one stays in the ring, so nothing stops opening.
        KeyRing duringRotation = KeyFixtures.ring(newKey, oldKey);
        for (Stored stored : before) {
            assertEquals(stored.value(), open(stored.wrappedKey(), stored.sealedValue(), duringRotation));
        }
        List<Stored> storedDuringRotation = storeUnder(duringRotation.current(), 2);
        for (Stored stored : storedDuringRotation) {
            assertEquals(newKey.keyId(), stored.wrappedKey().masterKeyId());
            assertEquals(stored.value(), open(stored.wrappedKey(), stored.sealedValue(), duringRotation));
        }

        List<WrappedDataKey> rewrapped = new ArrayList<>();
        for (Stored stored : before) {
            WrappedDataKey moved = Rotation.rewrap(stored.wrappedKey(), duringRotation);
            assertEquals(stored.wrappedKey().id(), moved.id());
            assertEquals(newKey.keyId(), moved.masterKeyId());
            rewrapped.add(moved);
        }

        // Once every data key is under the new key, the old key leaves the ring.
        KeyRing afterRotation = KeyFixtures.ring(newKey);
        for (int i = 0; i < before.size(); i++) {
            Stored stored = before.get(i);
            assertEquals(stored.value(), open(rewrapped.get(i), stored.sealedValue(), afterRotation));
            SecretCryptoException e = assertThrows(SecretCryptoException.class,
                    () -> open(stored.wrappedKey(), stored.sealedValue(), afterRotation));
            assertTrue(e.getMessage().startsWith("master key " + oldKey.keyId() + " is not in the key ring"),
                    e.getMessage());
        }
        for (Stored stored : storedDuringRotation) {
            assertEquals(stored.value(), open(stored.wrappedKey(), stored.sealedValue(), afterRotation));
        }
    }

    @Test
    void rewrappingKeepsTheDataKeyItself() {
        try (DataKey key = DataKey.generate()) {
            WrappedDataKey wrapped = KeyWrapper.wrap(key, oldKey);

            WrappedDataKey rewrapped = Rotation.rewrap(wrapped, KeyFixtures.ring(newKey, oldKey));

            try (DataKey unwrapped = KeyWrapper.unwrap(rewrapped, KeyFixtures.ring(newKey))) {
                assertEquals(key.id(), unwrapped.id());
                assertArrayEquals(key.bytes(), unwrapped.bytes());
            }
        }
    }

    @Test
    void aKeyAlreadyUnderTheCurrentMasterKeyIsReturnedAsItIs() {
        WrappedDataKey wrapped = KeyWrapper.wrap(DataKey.generate(), newKey);

        assertSame(wrapped, Rotation.rewrap(wrapped, KeyFixtures.ring(newKey, oldKey)));
    }

    @Test
    void aKeyAlreadyUnderTheCurrentMasterKeyIsStillChecked() {
        WrappedDataKey wrapped = KeyWrapper.wrap(DataKey.generate(), newKey);
        byte[] ciphertext = wrapped.ciphertext();
        ciphertext[0] ^= 1;
        WrappedDataKey tampered = new WrappedDataKey(wrapped.id(), wrapped.masterKeyId(), wrapped.nonce(), ciphertext);

        assertThrows(SecretCryptoException.class, () -> Rotation.rewrap(tampered, KeyFixtures.ring(newKey)));
    }

    static Stream<Arguments> ringsWithoutTheOldKey() {
        return Stream.of(
                Arguments.of("the new key only", List.of()),
                Arguments.of("the new key and an unrelated previous key", List.of(KeyFixtures.masterKey())),
                Arguments.of("the new key and two unrelated previous keys",
                        List.of(KeyFixtures.masterKey(), KeyFixtures.masterKey())));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("ringsWithoutTheOldKey")
    void rewrappingAKeyWhoseMasterKeyLeftTheRingFailsNamingThatKeyId(String ring, List<MasterKey> previous) {
        WrappedDataKey wrapped = KeyWrapper.wrap(DataKey.generate(), oldKey);

        SecretCryptoException e = assertThrows(SecretCryptoException.class,
                () -> Rotation.rewrap(wrapped, KeyRing.of(newKey, previous)));

        assertTrue(e.getMessage().startsWith("master key " + oldKey.keyId() + " is not in the key ring"),
                e.getMessage());
        KeyFixtures.assertNotMentioned(e, oldKey.bytes());
        KeyFixtures.assertNotMentioned(e, newKey.bytes());
    }
}
