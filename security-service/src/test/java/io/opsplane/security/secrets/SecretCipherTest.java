package io.opsplane.security.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretCipherTest {

    private static final String VALUE = "s3cr3t-deploy-password";
    private static final SecretIdentity IDENTITY = new SecretIdentity("project:shop", "DEPLOY_PASSWORD", 3);

    private final DataKey key = DataKey.generate();

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("eight characters", "abcdefgh"),
                Arguments.of("spaces and symbols", "p@ss w0rd !\"#$%&'()*+,-./:;<=>?[\\]^_`{|}~"),
                Arguments.of("lines", "line one\nline two\r\n\tindented\n"),
                Arguments.of("accents and other scripts", "pässwörd-ключ-密码-كلمة"),
                Arguments.of("characters beyond the basic plane", "\uD83D\uDD11\uD83D\uDD12 key \uD800\uDC00"),
                Arguments.of("private key",
                        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"),
                Arguments.of("the largest value the policy accepts", "x".repeat(65_536)),
                Arguments.of("shorter than the policy accepts, since the cipher applies no policy", "a"),
                Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("values")
    void aSealedValueOpensToTheSameValue(String what, String value) {
        SealedValue sealed = SecretCipher.seal(key, IDENTITY, value);

        assertEquals(value, SecretCipher.open(key, IDENTITY, sealed));
        assertEquals(value, SecretCipher.open(key, IDENTITY, SealedValue.fromBytes(sealed.toBytes())));
        assertEquals(value, SecretCipher.open(key, IDENTITY, SealedValue.fromBase64(sealed.toBase64())));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("values")
    void theCiphertextIsAsLongAsTheUtf8ValuePlusTheTagAndDoesNotContainIt(String what, String value) {
        byte[] plaintext = value.getBytes(StandardCharsets.UTF_8);

        SealedValue sealed = SecretCipher.seal(key, IDENTITY, value);

        assertEquals(key.id(), sealed.dataKeyId());
        assertEquals(12, sealed.nonce().length);
        assertEquals(plaintext.length + 16, sealed.ciphertext().length);
        if (plaintext.length >= 8) {
            assertFalse(HexFormat.of().formatHex(sealed.toBytes()).contains(HexFormat.of().formatHex(plaintext)));
        }
    }

    @Test
    void eachSealOfTheSameValueGivesADifferentNonceAndCiphertext() {
        Set<String> nonces = new HashSet<>();
        Set<String> ciphertexts = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            SealedValue sealed = SecretCipher.seal(key, IDENTITY, VALUE);
            nonces.add(HexFormat.of().formatHex(sealed.nonce()));
            ciphertexts.add(HexFormat.of().formatHex(sealed.ciphertext()));
            assertEquals(VALUE, SecretCipher.open(key, IDENTITY, sealed));
        }

        assertEquals(20, nonces.size());
        assertEquals(20, ciphertexts.size());
    }

    @Nested
    class Tampering {

        private final byte[] stored = SecretCipher.seal(key, IDENTITY, VALUE).toBytes();

        /** Every byte of the stored form (format, data key id, nonce, ciphertext, tag), each with two bit flips. */
        static Stream<Arguments> everyByteOfTheStoredForm() {
            int length = 1 + 16 + 12 + "s3cr3t-deploy-password".length() + 16;
            return IntStream.range(0, length).boxed()
                    .flatMap(position -> Stream.of(Arguments.of(position, 0x01), Arguments.of(position, 0x80)));
        }

        @ParameterizedTest(name = "byte {0} ^ {1}")
        @MethodSource("everyByteOfTheStoredForm")
        void changingAnyByteMakesOpeningFailWithoutRevealingTheValue(int position, int flip) {
            byte[] tampered = stored.clone();
            tampered[position] ^= (byte) flip;

            SecretCryptoException e = assertThrows(SecretCryptoException.class,
                    () -> SecretCipher.open(key, IDENTITY, SealedValue.fromBytes(tampered)));

            KeyFixtures.assertNotMentioned(e, VALUE);
            KeyFixtures.assertNotMentioned(e, key.bytes());
        }

        @Test
        void aChangedCiphertextFailsNamingTheSecretOnly() {
            byte[] tampered = stored.clone();
            tampered[tampered.length - 1] ^= 1;

            SecretCryptoException e = assertThrows(SecretCryptoException.class,
                    () -> SecretCipher.open(key, IDENTITY, SealedValue.fromBytes(tampered)));

            assertEquals("cannot open the value of project:shop/DEPLOY_PASSWORD v3: it was sealed for another secret "
                    + "or version, or the stored value was changed", e.getMessage());
        }

        @ParameterizedTest(name = "{0} bytes cut")
        @ValueSource(ints = {1, 8, 16, 22})
        void aCutCiphertextFailsToOpen(int cut) {
            byte[] shorter = Arrays.copyOf(stored, stored.length - cut);

            assertThrows(SecretCryptoException.class,
                    () -> SecretCipher.open(key, IDENTITY, SealedValue.fromBytes(shorter)));
        }

        @Test
        void anAddedByteMakesOpeningFail() {
            byte[] longer = Arrays.copyOf(stored, stored.length + 1);

            assertThrows(SecretCryptoException.class,
                    () -> SecretCipher.open(key, IDENTITY, SealedValue.fromBytes(longer)));
        }
    }

    @Nested
    class Binding {

        static Stream<Arguments> otherIdentities() {
            return Stream.of(
                    Arguments.of("other scope", new SecretIdentity("project:shop2", "DEPLOY_PASSWORD", 3)),
                    Arguments.of("other scope kind", new SecretIdentity("pipeline:shop", "DEPLOY_PASSWORD", 3)),
                    Arguments.of("global scope", new SecretIdentity("global", "DEPLOY_PASSWORD", 3)),
                    Arguments.of("other name", new SecretIdentity("project:shop", "DEPLOY_TOKEN", 3)),
                    Arguments.of("name in other case", new SecretIdentity("project:shop", "deploy_password", 3)),
                    Arguments.of("previous version", new SecretIdentity("project:shop", "DEPLOY_PASSWORD", 2)),
                    Arguments.of("next version", new SecretIdentity("project:shop", "DEPLOY_PASSWORD", 4)),
                    Arguments.of("version 30", new SecretIdentity("project:shop", "DEPLOY_PASSWORD", 30)),
                    Arguments.of("scope and name split elsewhere",
                            new SecretIdentity("project:shopD", "EPLOY_PASSWORD", 3)),
                    Arguments.of("name and version split elsewhere",
                            new SecretIdentity("project:shop", "DEPLOY_PASSWORD3", 1)));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("otherIdentities")
        void aValueSealedForOneSecretAndVersionDoesNotOpenForAnother(String what, SecretIdentity other) {
            SealedValue sealed = SecretCipher.seal(key, IDENTITY, VALUE);

            SecretCryptoException e = assertThrows(SecretCryptoException.class,
                    () -> SecretCipher.open(key, other, sealed));

            assertTrue(e.getMessage().startsWith("cannot open the value of " + other + ": "), e.getMessage());
            KeyFixtures.assertNotMentioned(e, VALUE);
        }

        @Test
        void aValueSealedUnderAnotherDataKeyFailsNamingBothKeyIds() {
            DataKey other = DataKey.generate();
            SealedValue sealed = SecretCipher.seal(other, IDENTITY, VALUE);

            SecretCryptoException e = assertThrows(SecretCryptoException.class,
                    () -> SecretCipher.open(key, IDENTITY, sealed));

            assertEquals("the value of project:shop/DEPLOY_PASSWORD v3 is sealed under data key " + other.id()
                    + ", not " + key.id(), e.getMessage());
        }

        @Test
        void aSealedValueRelabelledWithAnotherDataKeyIdFailsUnderThatKey() {
            DataKey other = DataKey.generate();
            SealedValue sealed = SecretCipher.seal(key, IDENTITY, VALUE);
            SealedValue relabelled = new SealedValue(other.id(), sealed.nonce(), sealed.ciphertext());

            assertThrows(SecretCryptoException.class, () -> SecretCipher.open(other, IDENTITY, relabelled));
        }

        @Test
        void aDataKeyWithTheSameIdButOtherBytesFailsToOpen() {
            SealedValue sealed = SecretCipher.seal(key, IDENTITY, VALUE);
            DataKey impostor = new DataKey(key.id(), CryptoRandom.bytes(32));

            assertThrows(SecretCryptoException.class, () -> SecretCipher.open(impostor, IDENTITY, sealed));
        }
    }

    @Nested
    class StoredForm {

        @Test
        void theBytesAreFormatDataKeyIdNonceAndCiphertext() {
            SealedValue sealed = SecretCipher.seal(key, IDENTITY, VALUE);

            byte[] bytes = sealed.toBytes();

            assertEquals(1, bytes[0]);
            assertEquals(1 + 16 + 12 + VALUE.length() + 16, bytes.length);
            assertEquals(key.id(), new UUID(ByteBuffer.wrap(bytes, 1, 16).getLong(),
                    ByteBuffer.wrap(bytes, 9, 8).getLong()));
            assertArrayEquals(sealed.nonce(), Arrays.copyOfRange(bytes, 17, 29));
            assertArrayEquals(sealed.ciphertext(), Arrays.copyOfRange(bytes, 29, bytes.length));
            assertArrayEquals(bytes, Base64.getDecoder().decode(sealed.toBase64()));
        }

        @Test
        void decodingGivesAnEqualValue() {
            SealedValue sealed = SecretCipher.seal(key, IDENTITY, VALUE);

            assertEquals(sealed, SealedValue.fromBytes(sealed.toBytes()));
            assertEquals(sealed, SealedValue.fromBase64(sealed.toBase64()));
            assertEquals(sealed.hashCode(), SealedValue.fromBase64(sealed.toBase64()).hashCode());
        }

        @Test
        void theTextOfASealedValueNamesItsDataKeyAndLengthOnly() {
            SealedValue sealed = SecretCipher.seal(key, IDENTITY, VALUE);

            assertEquals("SealedValue[dataKeyId=" + key.id() + ", 38 bytes]", sealed.toString());
        }

        static Stream<Arguments> notSealedValues() {
            return Stream.of(
                    Arguments.of("empty", new byte[0], "a sealed value is at least 45 bytes, not 0"),
                    Arguments.of("header only", new byte[29], "a sealed value is at least 45 bytes, not 29"),
                    Arguments.of("one byte short", bytesWithFormat(44, 1), "a sealed value is at least 45 bytes, not 44"),
                    Arguments.of("format 0", bytesWithFormat(60, 0), "unknown sealed value format 0"),
                    Arguments.of("format 2", bytesWithFormat(60, 2), "unknown sealed value format 2"));
        }

        private static byte[] bytesWithFormat(int length, int format) {
            byte[] bytes = new byte[length];
            bytes[0] = (byte) format;
            return bytes;
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("notSealedValues")
        void bytesThatAreNotASealedValueAreRefused(String what, byte[] bytes, String message) {
            SecretCryptoException e = assertThrows(SecretCryptoException.class, () -> SealedValue.fromBytes(bytes));

            assertEquals(message, e.getMessage());
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"not base64!", "AQID-_", "AQ=="})
        void textThatIsNotASealedValueIsRefused(String text) {
            assertThrows(SecretCryptoException.class, () -> SealedValue.fromBase64(text));
        }

        @Test
        void aSealedValueKeepsItsOwnCopiesOfTheBytes() {
            SealedValue sealed = SecretCipher.seal(key, IDENTITY, VALUE);
            byte[] nonce = sealed.nonce();
            SealedValue copy = new SealedValue(sealed.dataKeyId(), nonce, sealed.ciphertext());

            nonce[0] ^= 1;
            copy.ciphertext()[0] ^= 1;

            assertEquals(VALUE, SecretCipher.open(key, IDENTITY, copy));
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest(name = "[{index}]")
        @ValueSource(strings = {"abcdefg\uD800", "\uDC00abcdefgh", "abc\uDC00\uD800defgh"})
        void aValueWithAnUnpairedSurrogateIsRefusedRatherThanAltered(String value) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SecretCipher.seal(key, IDENTITY, value));

            assertEquals("secret value is not valid Unicode text: it holds an unpaired surrogate", e.getMessage());
        }

        @Test
        void aClosedDataKeyNeitherSealsNorOpens() {
            SealedValue sealed = SecretCipher.seal(key, IDENTITY, VALUE);
            key.close();

            assertThrows(IllegalStateException.class, () -> SecretCipher.seal(key, IDENTITY, VALUE));
            assertThrows(IllegalStateException.class, () -> SecretCipher.open(key, IDENTITY, sealed));
        }

        static Stream<Arguments> badIdentities() {
            return Stream.of(
                    Arguments.of("global\0x", "NAME", 1, "secret scope and name must not contain U+0000"),
                    Arguments.of("global", "NA\0ME", 1, "secret scope and name must not contain U+0000"),
                    Arguments.of("global", "NAME", 0, "secret version must be 1 or more, not 0"),
                    Arguments.of("global", "NAME", -1, "secret version must be 1 or more, not -1"));
        }

        @ParameterizedTest(name = "[{index}] {3}")
        @MethodSource("badIdentities")
        void anIdentityThatCannotBeBoundUnambiguouslyIsRefused(String scope, String name, int version,
                String message) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SecretIdentity(scope, name, version));

            assertEquals(message, e.getMessage());
        }
    }
}
