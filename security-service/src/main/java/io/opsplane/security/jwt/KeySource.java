package io.opsplane.security.jwt;

import java.security.PublicKey;
import java.util.Optional;

/** Where the identity provider's signing keys come from. */
public interface KeySource {

    /**
     * The key for a token's header.
     *
     * @param kid the token's {@code kid}, or null when it has none; then a key is found only when the
     *            set holds exactly one key for {@code alg}
     * @param alg the token's {@code alg}; the verifier checks again that the key returned fits it
     * @return the key, or empty when none is known
     */
    Optional<PublicKey> find(String kid, String alg);
}
