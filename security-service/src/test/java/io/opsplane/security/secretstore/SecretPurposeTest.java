package io.opsplane.security.secretstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPurposeTest {

    @ParameterizedTest
    @ValueSource(strings = {"job:1234", "environment:prod", "deployment:web/prod#7", "health-check:x"})
    void aKindAndWhatItIsForAreAccepted(String purpose) {
        assertEquals(purpose, SecretPurpose.check(purpose));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"job", "job:", ":1234", "Job:1", "job:12 34", "job:\n", "job:é"})
    void anythingElseIsRefused(String purpose) {
        assertThrows(IllegalArgumentException.class, () -> SecretPurpose.check(purpose));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201})
    void whatItIsForHasAtMost200Characters(int length) {
        String purpose = "job:" + "x".repeat(length);
        if (length <= 200) {
            assertEquals(purpose, SecretPurpose.check(purpose));
        } else {
            assertThrows(IllegalArgumentException.class, () -> SecretPurpose.check(purpose));
        }
    }
}
