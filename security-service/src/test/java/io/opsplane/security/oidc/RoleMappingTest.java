package io.opsplane.security.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.platform.access.BuiltInRoles;
import io.opsplane.platform.access.Grant;
import io.opsplane.platform.access.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleMappingTest {

    @Test
    void mappedGroupsGrantTheirBuiltInRolesGloballyNamingTheValue() {
        RoleMapping mapping = RoleMapping.parse(" platform-admins = admin , devs=developer,,ops=operator,ops=viewer");

        List<Grant> grants = mapping.grantsFor(List.of("devs", "ops", "unmapped", "devs"));

        assertEquals(List.of("developer", "operator", "viewer"), grants.stream().map(Grant::role).toList());
        assertEquals(List.of("claim:devs", "claim:ops", "claim:ops"), grants.stream().map(Grant::via).toList());
        assertTrue(grants.stream().allMatch(grant -> grant.scope().equals(Scope.GLOBAL)));
        assertEquals(BuiltInRoles.find("developer").orElseThrow().permissions(), grants.get(0).permissions());
        assertEquals("platform-admins=admin,devs=developer,ops=operator,ops=viewer", mapping.toString());
    }

    @Test
    void noMappingGrantsNothing() {
        assertTrue(RoleMapping.parse("").isEmpty());
        assertTrue(RoleMapping.parse(null).isEmpty());
        assertEquals(List.of(), RoleMapping.none().grantsFor(List.of("platform-admins")));
    }

    @Test
    void aRoleThatIsNotBuiltInIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RoleMapping.parse("devs=developer,root=superuser"));

        assertEquals("role mapping maps 'root' to 'superuser', which is not a built-in role "
                + "(viewer, developer, operator, admin, runner)", e.getMessage());
    }

    @Test
    void aServiceRoleIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RoleMapping.parse("bots=service:gateway"));

        assertTrue(e.getMessage().contains("service roles belong to the platform's own components"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"admins", "=admin", "admins=", " = "})
    void anEntryThatIsNotAPairIsRefused(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoleMapping.parse(entry));

        assertTrue(e.getMessage().endsWith("is not claimValue=role"), e.getMessage());
    }
}
