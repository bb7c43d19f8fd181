package io.opsplane.platform.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorityTest {

    private static final Role DEVELOPER = BuiltInRoles.find("developer").orElseThrow();
    private static final Role VIEWER = BuiltInRoles.find("viewer").orElseThrow();
    private static final Role OPERATOR = BuiltInRoles.find("operator").orElseThrow();

    /** A developer on pipeline web and project shop, a viewer everywhere, an operator on staging. */
    private final BindingIndex index = new BindingIndex(List.of(
            new Binding("b1", "developer", Scope.parse("pipeline:web"), "dev", null),
            new Binding("b2", "viewer", Scope.GLOBAL, null, "staff"),
            new Binding("b3", "developer", Scope.parse("project:shop"), "dev", null),
            new Binding("b4", "operator", Scope.parse("environment:staging"), null, "ops"),
            new Binding("b5", "no-such-role", Scope.GLOBAL, "dev", null)),
            name -> BuiltInRoles.find(name).orElse(null));

    @ParameterizedTest(name = "{0} in {1}: {2} on {3} → {4} ({5})")
    @CsvSource({
            "dev, staff, pipelines:run, pipeline:web, true, b1",
            "dev, staff, pipelines:run, pipeline:billing, false, ''",
            "dev, staff, pipelines:run, pipeline:cart in project:shop, true, b3",
            "dev, staff, pipelines:read, pipeline:billing, true, b2",
            "dev, '', pipelines:read, pipeline:billing, false, ''",
            "dev, staff, deployments:promote, environment:staging, false, ''",
            "ann, ops, deployments:promote, environment:staging, true, b4",
            "ann, ops, deployments:promote, application:web in environment:staging, true, b4",
            "ann, ops, deployments:promote, environment:prod, false, ''",
            "ann, 'ops;staff', alerts:read, '', true, b2",
            "eve, '', pipelines:read, pipeline:web, false, ''",
            "dev, staff, access:grant, '', false, ''",
    })
    void decisionsAreObjectLevelAndDenyByDefault(String subject, String groups, String permission, String resource,
            boolean allowed, String bindingId) {
        Authority authority = index.authorityOf(subject, groups.isEmpty() ? List.of() : List.of(groups.split(";")));

        Decision decision = authority.decide(permission, ScopeTest.resourceOf(resource));

        assertEquals(allowed, decision.allowed(), decision.reason());
        if (allowed) {
            assertEquals("binding:" + bindingId, decision.grantedBy().via());
            assertTrue(decision.reason().contains("binding:" + bindingId), decision.reason());
        } else {
            assertNull(decision.grantedBy());
        }
    }

    @Test
    void aDenialSaysWhetherThePermissionIsHeldElsewhere() {
        Authority dev = index.authorityOf("dev", List.of());

        assertTrue(dev.decide("pipelines:run", ResourceRef.of("pipeline", "billing")).reason()
                .contains("only at scopes that do not reach pipeline:billing (pipeline:web, project:shop)"));
        assertEquals("no role of the caller grants access:grant", dev.decide("access:grant", ResourceRef.GLOBAL).reason());
        assertEquals("'pipelines:fly' is not a permission of the catalogue",
                dev.decide("pipelines:fly", ResourceRef.GLOBAL).reason());
    }

    @Test
    void holdingAnywhereIsEnoughToCallButNotToTouch() {
        Authority dev = index.authorityOf("dev", List.of());

        assertTrue(dev.holdsAnywhere("pipelines:run"));
        assertFalse(dev.holdsAnywhere("alerts:silence"));
        assertFalse(Authority.NONE.holdsAnywhere("pipelines:read"));
    }

    @ParameterizedTest(name = "{0} may grant {1} at {2}: {3}")
    @CsvSource({
            "operator@global, developer, pipeline:web, ''",
            "operator@global, developer, global, ''",
            "developer@pipeline:web, developer, pipeline:web, ''",
            "developer@pipeline:web, viewer, pipeline:web, ''",
            "developer@pipeline:web, developer, pipeline:*, pipelines:cancel pipelines:read pipelines:run",
            "developer@pipeline:web, operator, pipeline:web, alerts:silence",
            "viewer@global, developer, pipeline:web, pipelines:cancel",
    })
    void grantingNeedsEveryPermissionOfTheRoleAtThatScope(String holds, String role, String scope, String missingPrefix) {
        String[] held = holds.split("@");
        Authority authority = new Authority(List.of(new Grant(held[0], Scope.parse(held[1]),
                BuiltInRoles.find(held[0]).orElseThrow().permissions(), "token")));

        Set<String> missing = authority.missingThroughout(BuiltInRoles.find(role).orElseThrow().permissions(),
                Scope.parse(scope));

        if (missingPrefix.isEmpty()) {
            assertTrue(missing.isEmpty(), missing.toString());
        } else {
            for (String permission : missingPrefix.split(" ")) {
                assertTrue(missing.contains(permission), missing + " lacks " + permission);
            }
        }
    }

    @Test
    void rolesNest() {
        assertTrue(DEVELOPER.permissions().containsAll(VIEWER.permissions()));
        assertTrue(OPERATOR.permissions().containsAll(DEVELOPER.permissions()));
        Role admin = BuiltInRoles.find("admin").orElseThrow();
        assertTrue(admin.permissions().containsAll(OPERATOR.permissions()));
    }

    @Test
    void aViewerChangesNothing() {
        for (String permission : VIEWER.permissions()) {
            assertFalse(PermissionCatalog.isMutating(permission), permission);
        }
    }

    @Test
    void onlyServicesVerifyTokensAndUseSecrets() {
        for (Role role : BuiltInRoles.all().values()) {
            boolean service = role.name().startsWith(BuiltInRoles.SERVICE_PREFIX);
            // A runner serves no API: it has nobody's token to verify.
            boolean servesAnApi = service && !role.name().equals(BuiltInRoles.serviceRole("runner"));
            assertEquals(servesAnApi, role.permissions().contains("tokens:authenticate"), role.name());
            if (!service) {
                assertFalse(role.permissions().contains("secrets:use"), role.name());
            }
        }
    }

    @Test
    void aRunnerMayRunJobsAndNothingElse() {
        assertEquals(java.util.Set.of("runners:run"), BuiltInRoles.find("runner").orElseThrow().permissions());
        assertEquals(java.util.Set.of("runners:run"),
                BuiltInRoles.find(BuiltInRoles.serviceRole("runner")).orElseThrow().permissions());
    }

    @Test
    void onlyTheGatewayRelaysWebhooks() {
        for (Role role : BuiltInRoles.all().values()) {
            assertEquals(role.name().equals(BuiltInRoles.serviceRole("gateway")),
                    role.permissions().contains("pipelines:hook"), role.name());
        }
    }
}
