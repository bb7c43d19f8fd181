package io.opsplane.security.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretFingerprintTest {

    private final DataKey fingerprintKey = DataKey.generate();

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"abcdefgh", "correct horse battery staple", "pässwörd-密码", "\uD83D\uDD11 key 1234"})
    void aFingerprintIsTheFirst16HexDigitsOfTheHmacSha256OfTheValue(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(fingerprintKey.bytes(), "HmacSHA256"));
        String expected = "hmac-sha256:"
                + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, 16);

        String fingerprint = SecretFingerprint.of(fingerprintKey, value);

        assertEquals(expected, fingerprint);
        assertTrue(fingerprint.matches("^hmac-sha256:[0-9a-f]{16}$"), fingerprint);
    }

    @Test
    void theSameValueGivesTheSameFingerprint() {
        assertEquals(SecretFingerprint.of(fingerprintKey, "deploy-password"),
                SecretFingerprint.of(fingerprintKey, "deploy-password"));
    }

    static Stream<Arguments> differentValues() {
        return Stream.of(
                Arguments.of("password1", "password2"),
                Arguments.of("Secret123", "secret123"),
                Arguments.of("abcdefgh", "abcdefgh "),
                Arguments.of("abcdefgh", "abcdefgh\n"),
                Arguments.of("abcdefgh", "bcdefgha"),
                Arguments.of("café1234", "cafe\u03011234"),
                Arguments.of("x".repeat(65_536), "x".repeat(65_535) + "y"));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("differentValues")
    void differentValuesGiveDifferentFingerprints(String one, String other) {
        assertNotEquals(SecretFingerprint.of(fingerprintKey, one), SecretFingerprint.of(fingerprintKey, other));
    }

    @Test
    void anotherFingerprintKeyGivesAnotherFingerprint() {
        assertNotEquals(SecretFingerprint.of(fingerprintKey, "deploy-password"),
                SecretFingerprint.of(DataKey.generate(), "deploy-password"));
    }

    @Test
    void aFingerprintIsNotThePlainHashThatAGuessCouldBeCheckedAgainst() throws Exception {
        String value = "password";
        byte[] plainHash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));

        assertNotEquals("hmac-sha256:" + HexFormat.of().formatHex(plainHash, 0, 8),
                SecretFingerprint.of(fingerprintKey, value));
    }

    @Test
    void fingerprintsStayTheSameAcrossAMasterKeyRotation() {
        MasterKey oldKey = KeyFixtures.masterKey();
        MasterKey newKey = KeyFixtures.masterKey();
        WrappedDataKey stored = KeyWrapper.wrap(fingerprintKey, oldKey);
        String before;
        try (DataKey key = KeyWrapper.unwrap(stored, KeyFixtures.ring(oldKey))) {
            before = SecretFingerprint.of(key, "deploy-password");
        }

        WrappedDataKey rewrapped = Rotation.rewrap(stored, KeyFixtures.ring(newKey, oldKey));

        try (DataKey key = KeyWrapper.unwrap(rewrapped, KeyFixtures.ring(newKey))) {
            assertEquals(before, SecretFingerprint.of(key, "deploy-password"));
        }
    }
}
