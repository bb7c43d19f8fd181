package io.opsplane.security.grpc;

import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.IssueTokenRequest;
import io.opsplane.proto.security.v1.IssuedToken;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.RevokeTokenRequest;
import io.opsplane.proto.security.v1.TokenInfo;
import io.opsplane.proto.security.v1.TokenService;
import io.opsplane.security.domain.ApiToken;
import io.opsplane.security.service.TokenService.Issued;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** gRPC adapter of {@link io.opsplane.security.service.TokenService}. */
@GrpcService
public class TokenGrpcService implements TokenService {

    @Inject
    io.opsplane.security.service.TokenService tokens;

    @Override
    public Uni<Principal> authenticate(AuthenticateRequest request) {
        return tokens.authenticate(request.getToken()).map(token -> Principal.newBuilder().setTokenId(token.id)
                .setSubject(token.subject).addAllRoles(token.roleList())
                .setExpiresAt(Timestamps.of(token.expiresAt)).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<IssuedToken> issueToken(IssueTokenRequest request) {
        return tokens.issue(request.getCallerToken(), request.getName(), request.getSubject(), request.getRolesList(),
                request.getTtlSeconds())
                .map(TokenGrpcService::issued)
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<TokenInfo> revokeToken(RevokeTokenRequest request) {
        return tokens.revoke(request.getCallerToken(), request.getTokenId()).map(TokenGrpcService::info)
                .onFailure().transform(GrpcErrors::toStatus);
    }

    private static IssuedToken issued(Issued issued) {
        return IssuedToken.newBuilder().setInfo(info(issued.token())).setToken(issued.secret()).build();
    }

    static TokenInfo info(ApiToken token) {
        TokenInfo.Builder info = TokenInfo.newBuilder().setTokenId(token.id).setName(token.name)
                .setSubject(token.subject).addAllRoles(token.roleList())
                .setCreatedAt(Timestamps.of(token.createdAt))
                .setExpiresAt(Timestamps.of(token.expiresAt))
                .setRevoked(token.revokedAt != null);
        return info.build();
    }
}
