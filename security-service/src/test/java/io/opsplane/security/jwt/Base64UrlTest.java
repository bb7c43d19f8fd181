package io.opsplane.security.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base64UrlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"'', ''", "Zg, f", "Zm8, fo", "Zm9v, foo", "Pz8_, ???", "Pj4-, >>>"})
    void decodesUnpaddedBase64url(String encoded, String decoded) {
        assertArrayEquals(decoded.getBytes(StandardCharsets.US_ASCII), Base64Url.decode(encoded));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "padding, Zg==, padded",
        "one padding character, Zm8=, padded",
        "plus, Pz8+, alphabet",
        "slash, Pz8/, alphabet",
        "space, 'Zm 9v', alphabet",
        "newline, 'Zm9v\n', alphabet",
        "dot, Zm.9, alphabet",
        "one character left over, Zm9vY, length",
        "unused bits set, Zh, non-canonical",
        "unused bits set in the last of three, Zm9, non-canonical"})
    void refusesAnythingButCanonicalUnpaddedBase64url(String label, String encoded, String messagePart) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Base64Url.decode(encoded));

        assertTrue(error.getMessage().contains(messagePart), error.getMessage());
    }
}
