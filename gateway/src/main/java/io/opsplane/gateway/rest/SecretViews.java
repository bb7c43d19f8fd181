package io.opsplane.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opsplane.proto.security.v1.MasterKeyRotation;
import io.opsplane.proto.security.v1.SecretInfo;
import io.opsplane.proto.security.v1.SecretList;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON bodies of the secrets API. No response body has a field for a secret's value. */
public final class SecretViews {

    private SecretViews() {
    }

    /** The body of {@code PUT /api/v1/secrets/{scope}/{name}}. */
    public record PutSecret(@Schema(description = "8 to 65,536 characters, no U+0000; never returned",
            writeOnly = true) String value) {

        @Override
        public String toString() {
            return "PutSecret[value hidden]";
        }
    }

    /** What may be shown of a secret. */
    public record SecretView(String scope, String name, int version,
            @Schema(description = "hmac-sha256: and 16 hex digits; changes when the value changes, reveals nothing "
                    + "about it") String fingerprint,
            String updatedBy, Instant updatedAt, Instant createdAt) {
        static SecretView of(SecretInfo s) {
            return new SecretView(s.getScope(), s.getName(), s.getVersion(), s.getFingerprint(), s.getUpdatedBy(),
                    Views.instant(s.getUpdatedAt()), Views.instant(s.getCreatedAt()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecretPage(List<SecretView> secrets, String nextPageToken) {
        static SecretPage of(SecretList list) {
            return new SecretPage(list.getSecretsList().stream().map(SecretView::of).toList(),
                    Views.blankToNull(list.getNextPageToken()));
        }
    }

    /** The outcome of a master key rotation: key ids and counts only. */
    public record MasterKeyRotationView(String keyId, int rewrapped, int dataKeys) {
        static MasterKeyRotationView of(MasterKeyRotation r) {
            return new MasterKeyRotationView(r.getKeyId(), r.getRewrapped(), r.getDataKeys());
        }
    }
}
