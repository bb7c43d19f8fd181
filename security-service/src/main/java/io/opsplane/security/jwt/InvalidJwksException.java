package io.opsplane.security.jwt;

/** A JWKS document that cannot be used as a whole: not JSON, no {@code keys} array, or a malformed key. */
public final class InvalidJwksException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidJwksException(String message) {
        super(message);
    }
}
