package io.opsplane.security.grpc;

import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.security.v1.DeleteSecretRequest;
import io.opsplane.proto.security.v1.GetSecretValueRequest;
import io.opsplane.proto.security.v1.ListSecretsRequest;
import io.opsplane.proto.security.v1.MasterKeyRotation;
import io.opsplane.proto.security.v1.PutSecretRequest;
import io.opsplane.proto.security.v1.RotateMasterKeyRequest;
import io.opsplane.proto.security.v1.SecretInfo;
import io.opsplane.proto.security.v1.SecretList;
import io.opsplane.proto.security.v1.SecretService;
import io.opsplane.proto.security.v1.SecretValue;
import io.opsplane.security.domain.SecretRow;
import io.opsplane.security.secretstore.MasterKeyRotator;
import io.opsplane.security.secretstore.SecretStore;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** gRPC adapter of {@link SecretStore} and {@link MasterKeyRotator}. */
@GrpcService
public class SecretGrpcService implements SecretService {

    @Inject
    SecretStore secrets;

    @Inject
    MasterKeyRotator rotator;

    @Override
    public Uni<SecretInfo> putSecret(PutSecretRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.note("write secret " + request.getName() + " at " + request.getScope());
        return Uni.createFrom().deferred(() -> secrets.put(caller, request.getScope(), request.getName(),
                request.getValue())).map(SecretGrpcService::info).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<SecretList> listSecrets(ListSecretsRequest request) {
        CallerIdentity caller = Callers.current();
        return Uni.createFrom().deferred(() -> secrets.list(caller, request.getScope(), request.getLimit(),
                request.getPageToken())).map(page -> {
                    SecretList.Builder list = SecretList.newBuilder().setNextPageToken(page.nextPageToken());
                    page.secrets().forEach(row -> list.addSecrets(info(row)));
                    return list.build();
                }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<SecretInfo> deleteSecret(DeleteSecretRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.note("delete secret " + request.getName() + " at " + request.getScope());
        return Uni.createFrom().deferred(() -> secrets.delete(caller, request.getScope(), request.getName()))
                .map(SecretGrpcService::info).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<SecretValue> getSecretValue(GetSecretValueRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.note("use secret " + request.getName() + " at " + request.getScope() + " for " + request.getPurpose());
        return Uni.createFrom().deferred(() -> secrets.use(caller, request.getScope(), request.getName(),
                request.getPurpose())).map(used -> SecretValue.newBuilder().setInfo(info(used.secret()))
                        .setValue(used.value()).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<MasterKeyRotation> rotateMasterKey(RotateMasterKeyRequest request) {
        CallerIdentity caller = Callers.current();
        Callers.note("rotate the master key");
        return Uni.createFrom().deferred(() -> rotator.rotate(caller))
                .map(result -> MasterKeyRotation.newBuilder().setKeyId(result.keyId())
                        .setRewrapped(result.rewrapped()).setDataKeys((int) result.dataKeys()).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    static SecretInfo info(SecretRow row) {
        return SecretInfo.newBuilder().setScope(row.scope).setName(row.name).setVersion(row.version)
                .setFingerprint(row.fingerprint).setUpdatedBy(row.updatedBy).setUpdatedAt(Timestamps.of(row.updatedAt))
                .setCreatedAt(Timestamps.of(row.createdAt)).build();
    }
}
