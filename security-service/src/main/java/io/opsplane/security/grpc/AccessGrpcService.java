package io.opsplane.security.grpc;

import io.opsplane.platform.access.Decision;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.security.v1.AccessDecision;
import io.opsplane.proto.security.v1.AccessService;
import io.opsplane.proto.security.v1.Binding;
import io.opsplane.proto.security.v1.BindingList;
import io.opsplane.proto.security.v1.CheckAccessBatchRequest;
import io.opsplane.proto.security.v1.CheckAccessBatchResponse;
import io.opsplane.proto.security.v1.CheckAccessRequest;
import io.opsplane.proto.security.v1.CreateBindingRequest;
import io.opsplane.proto.security.v1.CreateRoleRequest;
import io.opsplane.proto.security.v1.DeleteBindingRequest;
import io.opsplane.proto.security.v1.DeleteRoleRequest;
import io.opsplane.proto.security.v1.ListBindingsRequest;
import io.opsplane.proto.security.v1.ListRolesRequest;
import io.opsplane.proto.security.v1.Role;
import io.opsplane.proto.security.v1.RoleList;
import io.opsplane.security.access.AccessAdmin;
import io.opsplane.security.domain.RoleBindingRow;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.TreeSet;

/** gRPC adapter of {@link AccessAdmin}. */
@GrpcService
public class AccessGrpcService implements AccessService {

    @Inject
    AccessAdmin access;

    @Override
    public Uni<AccessDecision> checkAccess(CheckAccessRequest request) {
        CallerIdentity caller = Callers.current();
        return Uni.createFrom().deferred(() -> access.check(caller, question(request)))
                .map(AccessGrpcService::decision).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<CheckAccessBatchResponse> checkAccessBatch(CheckAccessBatchRequest request) {
        CallerIdentity caller = Callers.current();
        return Uni.createFrom().deferred(() -> access.checkAll(caller, request.getChecksList().stream()
                .map(AccessGrpcService::question).toList())).map(decisions -> {
                    CheckAccessBatchResponse.Builder response = CheckAccessBatchResponse.newBuilder();
                    decisions.forEach(decision -> response.addDecisions(decision(decision)));
                    return response.build();
                }).onFailure().transform(GrpcErrors::toStatus);
    }

    private static AccessAdmin.Question question(CheckAccessRequest request) {
        return new AccessAdmin.Question(request.getSubject(), request.getGroupsList(), request.getPermission(),
                request.getResource(), request.getWithinList(), request.getTokenId());
    }

    @Override
    public Uni<RoleList> listRoles(ListRolesRequest request) {
        return access.roles().map(roles -> {
            RoleList.Builder list = RoleList.newBuilder();
            roles.forEach(role -> list.addRoles(role(role)));
            return list.build();
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Role> createRole(CreateRoleRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.note("create role " + request.getName() + " with " + String.join(",", request.getPermissionsList()));
        return Uni.createFrom().deferred(() -> access.createRole(caller, request.getName(), request.getDescription(),
                request.getPermissionsList())).map(AccessGrpcService::role).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Role> deleteRole(DeleteRoleRequest request) {
        CallerIdentity caller = Callers.current();
        return Uni.createFrom().deferred(() -> access.deleteRole(caller, request.getName())).map(AccessGrpcService::role)
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Binding> createBinding(CreateBindingRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.note("grant role " + request.getRole() + " at " + request.getScope() + " to "
                + (request.getSubject().isEmpty() ? "group " + request.getGroup() : request.getSubject()));
        return Uni.createFrom().deferred(() -> access.createBinding(caller, request.getRole(), request.getScope(),
                request.getSubject(), request.getGroup())).map(AccessGrpcService::binding)
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Binding> deleteBinding(DeleteBindingRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.note("delete binding " + request.getId());
        return Uni.createFrom().deferred(() -> access.deleteBinding(caller, request.getId()))
                .map(AccessGrpcService::binding).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<BindingList> listBindings(ListBindingsRequest request) {
        return Uni.createFrom().deferred(() -> access.listBindings(request.getSubject(), request.getGroup(),
                request.getRole(), request.getLimit(), request.getPageToken())).map(page -> {
                    BindingList.Builder list = BindingList.newBuilder().setNextPageToken(page.nextPageToken());
                    page.bindings().forEach(row -> list.addBindings(binding(row)));
                    return list.build();
                }).onFailure().transform(GrpcErrors::toStatus);
    }

    static AccessDecision decision(Decision decision) {
        AccessDecision.Builder answer = AccessDecision.newBuilder().setAllowed(decision.allowed())
                .setReason(decision.reason());
        if (decision.grantedBy() != null) {
            answer.setGrantedBy(decision.grantedBy().via()).setRole(decision.grantedBy().role())
                    .setScope(decision.grantedBy().scope().toString());
        }
        return answer.build();
    }

    static Role role(io.opsplane.platform.access.Role role) {
        return Role.newBuilder().setName(role.name()).setDescription(role.description())
                .addAllPermissions(new TreeSet<>(role.permissions())).setBuiltIn(role.builtIn()).build();
    }

    static Binding binding(RoleBindingRow row) {
        return Binding.newBuilder().setId(row.id).setRole(row.role).setScope(row.scope).setSubject(row.subject)
                .setGroup(row.group).setCreatedBy(row.createdBy).setCreatedAt(Timestamps.of(row.createdAt)).build();
    }
}
