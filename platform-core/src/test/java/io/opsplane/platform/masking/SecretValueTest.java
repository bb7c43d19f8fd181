package io.opsplane.platform.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretValueTest {

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 64, 65_536})
    void valuesFromEightTo65536CharsAreMaskable(int length) {
        String value = "k".repeat(length);
        assertEquals(value, SecretValue.requireMaskable(value));
    }

    static Stream<Arguments> unmaskable() {
        return Stream.of(
                Arguments.of("empty", "", "at least 8"),
                Arguments.of("seven chars", "Tq7#zX1", "at least 8"),
                Arguments.of("one over the limit", "Wq9!".repeat(16_384) + "Z", "at most 65536"),
                Arguments.of("NUL inside", "Hunter2\0Zebra", "U+0000"),
                Arguments.of("NUL only", "\0\0\0\0\0\0\0\0", "U+0000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unmaskable")
    void unmaskableValuesAreRefusedWithoutRevealingThem(String label, String value, String reason) {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> SecretValue.requireMaskable(value));
        String message = refused.getMessage();
        assertTrue(message.contains(reason), message);
        if (!value.isEmpty()) {
            assertFalse(message.contains(value), message);
            assertFalse(message.contains(value.substring(0, 4)), message);
        }
    }

    @Test
    void tooShortSaysMaskingWouldBeUnreliable() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> SecretValue.requireMaskable("abc")).getMessage();
        assertTrue(message.contains("unreliable"), message);
    }

    @Test
    void nullIsRefused() {
        assertThrows(NullPointerException.class, () -> SecretValue.requireMaskable(null));
    }
}
