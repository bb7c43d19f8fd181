package io.opsplane.security.secrets;

/**
 * A stored key or value cannot be opened: the key is wrong or missing, or the stored bytes were changed.
 * Messages name keys by id and secrets by scope, name and version, never by their bytes.
 */
public class SecretCryptoException extends RuntimeException {

    public SecretCryptoException(String message) {
        super(message);
    }

    public SecretCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
