package io.opsplane.security.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.access.Principals;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.proto.security.v1.AccessDecision;
import io.opsplane.proto.security.v1.AccessServiceGrpc;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.Binding;
import io.opsplane.proto.security.v1.CheckAccessBatchRequest;
import io.opsplane.proto.security.v1.CheckAccessRequest;
import io.opsplane.proto.security.v1.CreateBindingRequest;
import io.opsplane.proto.security.v1.CreateRoleRequest;
import io.opsplane.proto.security.v1.DeleteBindingRequest;
import io.opsplane.proto.security.v1.DeleteRoleRequest;
import io.opsplane.proto.security.v1.IssueTokenRequest;
import io.opsplane.proto.security.v1.ListBindingsRequest;
import io.opsplane.proto.security.v1.ListRolesRequest;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.TokenServiceGrpc;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Roles, bindings and decisions through gRPC against the real database. */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "security"))
class AccessGrpcServiceTest {

    @GrpcClient("self")
    AccessServiceGrpc.AccessServiceBlockingStub access;

    @GrpcClient("self")
    TokenServiceGrpc.TokenServiceBlockingStub tokens;

    private AccessServiceGrpc.AccessServiceBlockingStub as(Principal principal) {
        return TestPrincipals.as(principal, access);
    }

    private Binding bind(Principal granter, String role, String scope, String subject, String group) {
        return as(granter).createBinding(CreateBindingRequest.newBuilder().setRole(role).setScope(scope)
                .setSubject(subject).setGroup(group).build());
    }

    private AccessDecision check(String subject, String permission, String resource, String... within) {
        return as(TestPrincipals.admin()).checkAccess(CheckAccessRequest.newBuilder().setSubject(subject)
                .setPermission(permission).setResource(resource).addAllWithin(java.util.List.of(within)).build());
    }

    @Test
    void aBindingGrantsItsRoleAtItsScopeOnlyAndSaysWhy() {
        String alice = "alice-" + UUID.randomUUID();
        Binding binding = bind(TestPrincipals.admin(), "developer", "pipeline:web", alice, "");

        AccessDecision web = check(alice, "pipelines:run", "pipeline:web");
        AccessDecision billing = check(alice, "pipelines:run", "pipeline:billing");

        assertTrue(web.getAllowed(), web.getReason());
        assertEquals("binding:" + binding.getId(), web.getGrantedBy());
        assertEquals("developer", web.getRole());
        assertEquals("pipeline:web", web.getScope());
        assertFalse(billing.getAllowed());
        assertTrue(billing.getReason().contains("do not reach pipeline:billing"), billing.getReason());
    }

    @Test
    void groupAndProjectBindingsApply() {
        String group = "team-" + UUID.randomUUID();
        bind(TestPrincipals.admin(), "operator", "project:shop", "", group);

        AccessDecision inShop = as(TestPrincipals.admin()).checkAccess(CheckAccessRequest.newBuilder().setSubject("bob")
                .addGroups(group).setPermission("deployments:promote").setResource("application:cart")
                .addWithin("project:shop").build());
        AccessDecision withoutGroup = check("bob", "deployments:promote", "application:cart", "project:shop");

        assertTrue(inShop.getAllowed(), inShop.getReason());
        assertFalse(withoutGroup.getAllowed());
    }

    @Test
    void theCallerAsksAboutItselfWithoutAccessRead() {
        Principal developer = TestPrincipals.user("dev", "developer", "pipeline:web");

        AccessDecision own = as(developer).checkAccess(CheckAccessRequest.newBuilder().setPermission("pipelines:run")
                .setResource("pipeline:web").build());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> as(developer)
                .checkAccess(CheckAccessRequest.newBuilder().setSubject("other").setPermission("pipelines:run").build()));

        assertTrue(own.getAllowed());
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    }

    @Test
    void badQuestionsAreInvalidArguments() {
        for (String[] bad : new String[][] {{"pipelines:fly", "pipeline:web"}, {"pipelines:run", "web"},
                {"pipelines:run", "Pipeline:web"}}) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> check("x", bad[0], bad[1]));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), String.join(" ", bad));
        }
    }

    @Test
    void aBatchIsAnsweredInOrderAsSingleChecksWouldBe() {
        String carol = "carol-" + UUID.randomUUID();
        bind(TestPrincipals.admin(), "developer", "pipeline:web-*", carol, "");
        CheckAccessRequest webApi = CheckAccessRequest.newBuilder().setSubject(carol).setPermission("pipelines:run")
                .setResource("pipeline:web-api").build();
        CheckAccessRequest billing = webApi.toBuilder().setResource("pipeline:billing").build();
        CheckAccessRequest own = CheckAccessRequest.newBuilder().setPermission("access:grant").build();

        var answers = as(TestPrincipals.admin()).checkAccessBatch(CheckAccessBatchRequest.newBuilder()
                .addChecks(webApi).addChecks(billing).addChecks(own).build()).getDecisionsList();

        assertEquals(3, answers.size());
        assertEquals(as(TestPrincipals.admin()).checkAccess(webApi), answers.get(0));
        assertEquals(as(TestPrincipals.admin()).checkAccess(billing), answers.get(1));
        assertTrue(answers.get(0).getAllowed());
        assertFalse(answers.get(1).getAllowed());
        assertTrue(answers.get(2).getAllowed(), "the admin may grant");
    }

    @Test
    void aBatchIsRefusedWholeWhenOneCheckIsBadOrTooManyAreAsked() {
        CheckAccessRequest good = CheckAccessRequest.newBuilder().setPermission("pipelines:run")
                .setResource("pipeline:web").build();
        StatusRuntimeException bad = assertThrows(StatusRuntimeException.class, () -> as(TestPrincipals.admin())
                .checkAccessBatch(CheckAccessBatchRequest.newBuilder().addChecks(good)
                        .addChecks(good.toBuilder().setPermission("pipelines:fly")).build()));
        CheckAccessBatchRequest.Builder tooMany = CheckAccessBatchRequest.newBuilder();
        for (int i = 0; i < 1_001; i++) {
            tooMany.addChecks(good);
        }
        StatusRuntimeException many = assertThrows(StatusRuntimeException.class,
                () -> as(TestPrincipals.admin()).checkAccessBatch(tooMany.build()));
        StatusRuntimeException others = assertThrows(StatusRuntimeException.class, () -> as(TestPrincipals.user("dev",
                "developer", "pipeline:web")).checkAccessBatch(CheckAccessBatchRequest.newBuilder().addChecks(good)
                        .addChecks(good.toBuilder().setSubject("someone-else")).build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
        assertTrue(bad.getStatus().getDescription().contains("check 2: unknown permission"),
                bad.getStatus().getDescription());
        assertEquals(Status.Code.INVALID_ARGUMENT, many.getStatus().getCode());
        assertEquals(Status.Code.PERMISSION_DENIED, others.getStatus().getCode());
    }

    @Test
    void nobodyGrantsMoreThanTheyHoldThere() {
        Principal scopedAdmin = TestPrincipals.user("scoped-admin", "admin", "pipeline:web");
        Principal operator = TestPrincipals.user("op", "operator", "global");

        bind(scopedAdmin, "developer", "pipeline:web", "carol", "");
        StatusRuntimeException elsewhere = assertThrows(StatusRuntimeException.class,
                () -> bind(scopedAdmin, "developer", "pipeline:billing", "carol", ""));
        StatusRuntimeException wider = assertThrows(StatusRuntimeException.class,
                () -> bind(scopedAdmin, "developer", "global", "carol", ""));
        StatusRuntimeException noGrant = assertThrows(StatusRuntimeException.class,
                () -> bind(operator, "viewer", "pipeline:web", "carol", ""));

        assertEquals(Status.Code.PERMISSION_DENIED, elsewhere.getStatus().getCode());
        assertEquals(Status.Code.PERMISSION_DENIED, wider.getStatus().getCode());
        assertEquals(Status.Code.PERMISSION_DENIED, noGrant.getStatus().getCode());
    }

    @Test
    void badBindingsAreRefusedClearly() {
        Principal admin = TestPrincipals.admin();
        String[][] bad = {{"no-such-role", "global", "x", ""}, {"viewer", "cluster:x", "x", ""},
                {"viewer", "global", "", ""}, {"viewer", "global", "x", "y"}, {"service:gateway", "global", "x", ""},
                {"viewer", "global", "bad\nname", ""}};
        for (String[] row : bad) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> bind(admin, row[0], row[1], row[2], row[3]));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), String.join("|", row));
        }
        String subject = "dup-" + UUID.randomUUID();
        bind(admin, "viewer", "global", subject, "");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> bind(admin, "viewer", "global",
                subject, ""));
        assertEquals(Status.Code.ALREADY_EXISTS, e.getStatus().getCode());
    }

    @Test
    void aTokensCurrentPowersAreCheckedUntilItIsRevoked() {
        var issued = TestPrincipals.as(TestPrincipals.admin(), tokens).issueToken(IssueTokenRequest.newBuilder()
                .setName("scheduler").setSubject("erin-" + UUID.randomUUID()).addBindings(
                        io.opsplane.proto.security.v1.RoleBinding.newBuilder().setRole("developer").setScope("pipeline:web"))
                .build());
        String tokenId = issued.getInfo().getTokenId();
        java.util.function.BiFunction<String, String, AccessDecision> ask = (permission, resource) -> as(
                TestPrincipals.admin()).checkAccess(CheckAccessRequest.newBuilder().setTokenId(tokenId)
                        .setPermission(permission).setResource(resource).build());

        AccessDecision web = ask.apply("pipelines:run", "pipeline:web");
        AccessDecision billing = ask.apply("pipelines:run", "pipeline:billing");
        TestPrincipals.as(TestPrincipals.admin(), tokens).revokeToken(
                io.opsplane.proto.security.v1.RevokeTokenRequest.newBuilder().setTokenId(tokenId).build());
        AccessDecision revoked = ask.apply("pipelines:run", "pipeline:web");
        AccessDecision unknown = as(TestPrincipals.admin()).checkAccess(CheckAccessRequest.newBuilder()
                .setTokenId("no-such-token").setPermission("pipelines:run").setResource("pipeline:web").build());

        assertTrue(web.getAllowed(), web.getReason());
        assertFalse(billing.getAllowed());
        assertFalse(revoked.getAllowed());
        assertTrue(revoked.getReason().contains("revoked, expired or unknown"), revoked.getReason());
        assertFalse(unknown.getAllowed());
    }

    @Test
    void askingAboutATokenNeedsAccessReadAndExcludesASubject() {
        Principal developer = TestPrincipals.user("dev", "developer", "pipeline:web");
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, () -> as(developer).checkAccess(
                CheckAccessRequest.newBuilder().setTokenId("any").setPermission("pipelines:run").build()));
        StatusRuntimeException both = assertThrows(StatusRuntimeException.class, () -> as(TestPrincipals.admin())
                .checkAccess(CheckAccessRequest.newBuilder().setTokenId("any").setSubject("x")
                        .setPermission("pipelines:run").build()));

        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT, both.getStatus().getCode());
    }

    @Test
    void aTokenWithoutBindingsActsWithItsSubjectsBindingsAsTheyChange() throws Exception {
        String subject = "dana-" + UUID.randomUUID();
        var issued = TestPrincipals.as(TestPrincipals.admin(), tokens)
                .issueToken(IssueTokenRequest.newBuilder().setName("dana").setSubject(subject).build());
        TokenServiceGrpc.TokenServiceBlockingStub gateway = TestPrincipals.withToken(
                Files.readString(Path.of("src/test/resources/service-tokens/gateway.token")).strip(), tokens);

        Principal before = gateway.authenticate(AuthenticateRequest.newBuilder().setToken(issued.getToken()).build());
        Binding binding = bind(TestPrincipals.admin(), "developer", "pipeline:web", subject, "");
        Principal after = gateway.authenticate(AuthenticateRequest.newBuilder().setToken(issued.getToken()).build());
        as(TestPrincipals.admin()).deleteBinding(DeleteBindingRequest.newBuilder().setId(binding.getId()).build());
        Principal removed = gateway.authenticate(AuthenticateRequest.newBuilder().setToken(issued.getToken()).build());

        ResourceRef web = ResourceRef.of("pipeline", "web");
        assertFalse(Principals.authorityOf(before).decide("pipelines:run", web).allowed());
        assertTrue(Principals.authorityOf(after).decide("pipelines:run", web).allowed());
        assertFalse(Principals.authorityOf(removed).decide("pipelines:run", web).allowed());
    }

    @Test
    void customRolesAreDefinedWithoutEscalationAndCannotBeDeletedWhileUsed() {
        String name = "releaser-" + UUID.randomUUID().toString().substring(0, 8);
        Principal operator = TestPrincipals.user("op-2", "operator", "global");
        CreateRoleRequest releaser = CreateRoleRequest.newBuilder().setName(name).setDescription("ships releases")
                .addPermissions("deployments:promote").addPermissions("deployments:read").build();

        StatusRuntimeException noRight = assertThrows(StatusRuntimeException.class, () -> as(operator).createRole(releaser));
        as(TestPrincipals.admin()).createRole(releaser);
        Binding binding = bind(TestPrincipals.admin(), name, "environment:prod", "erin", "");
        StatusRuntimeException inUse = assertThrows(StatusRuntimeException.class,
                () -> as(TestPrincipals.admin()).deleteRole(DeleteRoleRequest.newBuilder().setName(name).build()));
        StatusRuntimeException builtIn = assertThrows(StatusRuntimeException.class,
                () -> as(TestPrincipals.admin()).deleteRole(DeleteRoleRequest.newBuilder().setName("viewer").build()));
        StatusRuntimeException unknownPermission = assertThrows(StatusRuntimeException.class,
                () -> as(TestPrincipals.admin()).createRole(releaser.toBuilder().setName(name + "-x")
                        .addPermissions("deployments:teleport").build()));
        AccessDecision decision = check("erin", "deployments:promote", "environment:prod");
        as(TestPrincipals.admin()).deleteBinding(DeleteBindingRequest.newBuilder().setId(binding.getId()).build());
        as(TestPrincipals.admin()).deleteRole(DeleteRoleRequest.newBuilder().setName(name).build());

        assertEquals(Status.Code.PERMISSION_DENIED, noRight.getStatus().getCode());
        assertEquals(Status.Code.FAILED_PRECONDITION, inUse.getStatus().getCode());
        assertEquals(Status.Code.FAILED_PRECONDITION, builtIn.getStatus().getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT, unknownPermission.getStatus().getCode());
        assertTrue(decision.getAllowed(), decision.getReason());
        assertTrue(as(TestPrincipals.admin()).listRoles(ListRolesRequest.getDefaultInstance()).getRolesList().stream()
                .noneMatch(role -> role.getName().equals(name)));
    }

    @Test
    void bindingsAreListedByFilter() {
        String subject = "lister-" + UUID.randomUUID();
        bind(TestPrincipals.admin(), "viewer", "global", subject, "");
        bind(TestPrincipals.admin(), "developer", "pipeline:web", subject, "");

        var listed = as(TestPrincipals.admin()).listBindings(ListBindingsRequest.newBuilder().setSubject(subject).build());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> as(
                TestPrincipals.user("dev", "developer", "global")).listBindings(ListBindingsRequest.getDefaultInstance()));

        assertEquals(2, listed.getBindingsCount());
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    }
}
