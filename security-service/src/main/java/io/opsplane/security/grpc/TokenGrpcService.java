package io.opsplane.security.grpc;

import io.opsplane.platform.access.Scope;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.IssueTokenRequest;
import io.opsplane.proto.security.v1.IssuedToken;
import io.opsplane.proto.security.v1.ListTokensRequest;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.RevokeTokenRequest;
import io.opsplane.proto.security.v1.RoleBinding;
import io.opsplane.proto.security.v1.TokenInfo;
import io.opsplane.proto.security.v1.TokenList;
import io.opsplane.proto.security.v1.TokenService;
import io.opsplane.security.domain.ApiToken;
import io.opsplane.security.service.TokenService.Issued;
import io.opsplane.security.token.TokenBindings;
import io.quarkus.grpc.GrpcService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** gRPC adapter of {@link io.opsplane.security.service.TokenService}. */
@GrpcService
public class TokenGrpcService implements TokenService {

    @Inject
    io.opsplane.security.service.TokenService tokens;

    @Override
    public Uni<Principal> authenticate(AuthenticateRequest request) {
        return Panache.withSession(() -> tokens.principal(request.getToken(), request.getSourceAddress()))
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<IssuedToken> issueToken(IssueTokenRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.note("issue token '" + request.getName() + "' for " + (request.getSubject().isEmpty() ? caller.subject()
                : request.getSubject()));
        return Uni.createFrom().deferred(() -> {
            List<TokenBindings.Entry> bindings = new ArrayList<>();
            for (RoleBinding binding : request.getBindingsList()) {
                bindings.add(new TokenBindings.Entry(binding.getRole(), Scope.parse(binding.getScope())));
            }
            return tokens.issue(caller, request.getName(), request.getSubject(), request.getRolesList(), bindings,
                    request.getTtlSeconds());
        }).map(TokenGrpcService::issued).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<TokenInfo> revokeToken(RevokeTokenRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.note("revoke token " + request.getTokenId());
        return Uni.createFrom().deferred(() -> tokens.revoke(caller, request.getTokenId())).map(TokenGrpcService::info)
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<TokenList> listTokens(ListTokensRequest request) {
        CallerIdentity caller = Callers.current();
        return Uni.createFrom().deferred(() -> tokens.list(caller, request.getSubject(), request.getIncludeRevoked(),
                request.getLimit(), request.getPageToken())).map(page -> {
                    TokenList.Builder list = TokenList.newBuilder().setNextPageToken(page.nextPageToken());
                    page.tokens().forEach(token -> list.addTokens(info(token)));
                    return list.build();
                }).onFailure().transform(GrpcErrors::toStatus);
    }

    private static IssuedToken issued(Issued issued) {
        return IssuedToken.newBuilder().setInfo(info(issued.token())).setToken(issued.secret()).build();
    }

    static TokenInfo info(ApiToken token) {
        TokenInfo.Builder info = TokenInfo.newBuilder().setTokenId(token.id).setName(token.name)
                .setSubject(token.subject).setCreatedBy(token.createdBy)
                .setCreatedAt(Timestamps.of(token.createdAt))
                .setExpiresAt(Timestamps.of(token.expiresAt))
                .setRevoked(token.revokedAt != null);
        for (TokenBindings.Entry entry : TokenBindings.parse(token.roles)) {
            info.addRoles(entry.toString());
            info.addBindings(RoleBinding.newBuilder().setRole(entry.role()).setScope(entry.scope().toString()));
        }
        if (token.lastUsedAt != null) {
            info.setLastUsedAt(Timestamps.of(token.lastUsedAt));
        }
        return info.build();
    }
}
