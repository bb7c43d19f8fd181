package io.opsplane.security.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwtSettingsTest {

    private static final String ISSUER = "https://idp.example.test";

    @Test
    void defaultsAreThirtySecondsSubGroupsAnd8192Characters() {
        JwtSettings settings = JwtSettings.of(ISSUER, Set.of("opsplane"));

        assertEquals(ISSUER, settings.issuer());
        assertEquals(Set.of("opsplane"), settings.audiences());
        assertEquals(Duration.ofSeconds(30), settings.leeway());
        assertEquals("sub", settings.subjectClaim());
        assertEquals("groups", settings.groupsClaim());
        assertEquals(8192, settings.maxTokenLength());
    }

    @Test
    void withersChangeOneSetting() {
        JwtSettings settings = JwtSettings.of(ISSUER, Set.of("opsplane"))
                .withLeeway(Duration.ZERO).withSubjectClaim("preferred_username")
                .withGroupsClaim("realm_access.roles").withMaxTokenLength(4096);

        assertEquals(Duration.ZERO, settings.leeway());
        assertEquals("preferred_username", settings.subjectClaim());
        assertEquals("realm_access.roles", settings.groupsClaim());
        assertEquals(4096, settings.maxTokenLength());
        assertEquals(ISSUER, settings.issuer());
    }

    @Test
    void audiencesAreCopied() {
        Set<String> audiences = new HashSet<>(Set.of("opsplane"));
        JwtSettings settings = JwtSettings.of(ISSUER, audiences);

        audiences.add("other");

        assertEquals(Set.of("opsplane"), settings.audiences());
    }

    static Stream<Arguments> invalid() {
        JwtSettings valid = JwtSettings.of(ISSUER, Set.of("opsplane"));
        return Stream.of(
                Arguments.of("null issuer", (Supplier<?>) () -> JwtSettings.of(null, Set.of("a")), "issuer"),
                Arguments.of("blank issuer", (Supplier<?>) () -> JwtSettings.of(" ", Set.of("a")), "issuer"),
                Arguments.of("no audiences", (Supplier<?>) () -> JwtSettings.of(ISSUER, Set.of()), "audience"),
                Arguments.of("null audiences", (Supplier<?>) () -> JwtSettings.of(ISSUER, null), "audience"),
                Arguments.of("blank audience", (Supplier<?>) () -> JwtSettings.of(ISSUER, Set.of("a", "")), "audiences"),
                Arguments.of("negative leeway", (Supplier<?>) () -> valid.withLeeway(Duration.ofSeconds(-1)), "leeway"),
                Arguments.of("blank subject claim", (Supplier<?>) () -> valid.withSubjectClaim(""), "subject claim"),
                Arguments.of("blank groups claim", (Supplier<?>) () -> valid.withGroupsClaim(" "), "groups claim"),
                Arguments.of("groups path with an empty segment",
                        (Supplier<?>) () -> valid.withGroupsClaim("realm_access..roles"), "empty segment"),
                Arguments.of("groups path ending in a dot", (Supplier<?>) () -> valid.withGroupsClaim("roles."),
                        "empty segment"),
                Arguments.of("zero max length", (Supplier<?>) () -> valid.withMaxTokenLength(0), "max token length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidSettingsAreRefusedWithAClearMessage(String label, Supplier<?> settings, String messagePart) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, settings::get);

        assertTrue(error.getMessage().contains(messagePart), error.getMessage());
    }

    @Test
    void aMissingLeewayIsNamed() {
        NullPointerException error = assertThrows(NullPointerException.class,
                () -> JwtSettings.of(ISSUER, Set.of("a")).withLeeway(null));

        assertTrue(error.getMessage().contains("leeway"), error.getMessage());
    }
}
