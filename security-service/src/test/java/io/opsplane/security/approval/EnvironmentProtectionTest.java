package io.opsplane.security.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentProtectionTest {

    private static final AllowList DEPLOYERS = AllowList.of(List.of("dana"), List.of("release-team"));
    private static final AllowList APPROVERS = AllowList.of(List.of("olga"), List.of("sre"));

    @ParameterizedTest(name = "{0} in {1}: deploy {2}")
    @CsvSource({
        "dana, '', true",
        "erin, release-team, true",
        "erin, 'qa;release-team', true",
        "erin, qa, false",
        "erin, '', false",
        "release-team, '', false"})
    void aDeployerIsListedBySubjectOrByAnyOfItsGroups(String subject, String groups, boolean expected) {
        EnvironmentProtection protection = new EnvironmentProtection("prod", 1, DEPLOYERS, AllowList.EMPTY);

        assertEquals(expected, protection.allowsToDeploy(subject, groups(groups)));
    }

    @ParameterizedTest(name = "{0} in {1}: approve {2}")
    @CsvSource({
        "olga, '', true",
        "pat, sre, true",
        "pat, 'qa;sre', true",
        "pat, qa, false",
        "dana, release-team, false"})
    void listedApproversAreTheOnlyOnes(String subject, String groups, boolean expected) {
        EnvironmentProtection protection = new EnvironmentProtection("prod", 1, DEPLOYERS, APPROVERS);

        assertEquals(expected, protection.allowsToApprove(subject, groups(groups)));
    }

    @Test
    void withoutAnApproverListAnyoneMayApproveHereTheCallersPermissionDecides() {
        EnvironmentProtection protection = new EnvironmentProtection("prod", 1, DEPLOYERS, null);

        assertTrue(protection.approvers().isEmpty());
        assertTrue(protection.allowsToApprove("anyone", Set.of()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 11, Integer.MAX_VALUE})
    void requiredApprovalsAreOneToTen(int required) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EnvironmentProtection("prod", required, DEPLOYERS, AllowList.EMPTY));

        assertEquals("required_approvals must be between 1 and 10, not " + required, e.getMessage());
    }

    @Test
    void aProtectionNeedsSomeoneAllowedToDeploy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EnvironmentProtection("prod", 1, AllowList.EMPTY, APPROVERS));

        assertTrue(e.getMessage().contains("at least one subject or group allowed to deploy"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "prod eu", "pr*d", "environment:prod"})
    void aBadPatternIsRefused(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> new EnvironmentProtection(pattern, 1, DEPLOYERS, null));
    }

    @Test
    void governsWhatItsPatternMatches() {
        EnvironmentProtection protection = new EnvironmentProtection("prod-*", 2, DEPLOYERS, null);

        assertTrue(protection.governs("prod-eu"));
        assertFalse(protection.governs("staging"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a,b", "-x", "new\nline", " lead"})
    void allowListNamesAreChecked(String name) {
        assertThrows(IllegalArgumentException.class, () -> AllowList.of(List.of(name), List.of()));
        assertThrows(IllegalArgumentException.class, () -> AllowList.of(List.of(), List.of(name)));
    }

    @Test
    void allowListsAreBoundedAndSorted() {
        List<String> many = IntStream.rangeClosed(1, AllowList.MAX_ENTRIES + 1).mapToObj(i -> "user-" + i).toList();

        assertThrows(IllegalArgumentException.class, () -> AllowList.of(many, List.of()));
        assertEquals(List.of("a", "b"), List.copyOf(AllowList.of(List.of("b", "a", "b"), List.of()).subjects()));
    }

    private static Set<String> groups(String text) {
        return text.isEmpty() ? Collections.emptySet() : Set.of(text.split(";"));
    }
}
