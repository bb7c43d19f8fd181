package io.opsplane.security.secrets;

import java.util.Objects;

/**
 * Which secret, and which version of it, a sealed value belongs to. {@link SecretCipher} binds every ciphertext
 * to it, so a value copied onto another secret or version does not open.
 *
 * <p>Only what that binding needs is checked here (no U+0000, which separates the fields, and a positive
 * version). Names and scopes are checked by {@link SecretPolicy} when a secret is stored, so values stored under
 * older rules still open if the rules change.
 */
public record SecretIdentity(String scope, String name, int version) {

    public SecretIdentity {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(name, "name");
        if (scope.indexOf('\0') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("secret scope and name must not contain U+0000");
        }
        if (version < 1) {
            throw new IllegalArgumentException("secret version must be 1 or more, not " + version);
        }
    }

    @Override
    public String toString() {
        return scope + "/" + name + " v" + version;
    }
}
