package io.opsplane.security.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"prod", "prod-eu", "Prod_1", "eu.prod", "9", "a-b.c_d"})
    void namesOfLettersDigitsAndDotDashUnderscoreAreAccepted(String name) {
        assertEquals(name, EnvironmentNames.requireName(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"prod-*", "*", "-prod", ".prod", "prod eu", "prod/eu", "prod\n", "environment:prod"})
    void otherNamesAreRefusedSayingWhatANameIs(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvironmentNames.requireName(name));
        assertEquals(true, e.getMessage().contains("must be 1 to 128 letters"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "prod-*", "prod*", "*", "eu.prod-*"})
    void patternsAreANameWithAnOptionalTrailingStar(String pattern) {
        assertEquals(pattern, EnvironmentNames.requirePattern(pattern));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"**", "*prod", "pr*od", "prod-**", "prod eu*", "-*"})
    void otherPatternsAreRefused(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> EnvironmentNames.requirePattern(pattern));
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "prod, prod, true",
        "prod, prod-eu, false",
        "prod-*, prod-eu, true",
        "prod-*, prod-, true",
        "prod-*, prod, false",
        "prod*, prod, true",
        "*, anything, true",
        "staging, prod, false"})
    void matching(String pattern, String name, boolean expected) {
        assertEquals(expected, EnvironmentNames.matches(pattern, name));
    }

    @ParameterizedTest(name = "{0} and {1} overlap: {2}")
    @CsvSource({
        "prod, prod, true",
        "prod, staging, false",
        "prod-*, prod-eu, true",
        "prod-eu, prod-*, true",
        "prod-*, prod, false",
        "prod*, prod, true",
        "prod-*, prod-eu-*, true",
        "prod-eu-*, prod-*, true",
        "prod-eu-*, prod-us-*, false",
        "*, staging, true",
        "*, prod-*, true",
        "staging-*, prod-*, false"})
    void overlapping(String a, String b, boolean expected) {
        assertEquals(expected, EnvironmentNames.overlap(a, b));
    }
}
