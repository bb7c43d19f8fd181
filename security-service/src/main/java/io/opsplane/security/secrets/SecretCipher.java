package io.opsplane.security.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Seals and opens secret values with AES-256-GCM under a data key. Each seal draws a fresh nonce, so the same
 * value never gives the same ciphertext twice. The associated data names the data key and the secret's scope,
 * name and version: a ciphertext copied onto another secret, another version or another data key's row does not
 * open. Plaintext byte arrays are zeroed after use; the {@link String} a value arrives in or is returned as
 * cannot be.
 */
public final class SecretCipher {

    private SecretCipher() {
    }

    /**
     * {@code value} sealed for {@code identity} under {@code key}, with a fresh nonce.
     *
     * @throws IllegalArgumentException when {@code value} holds an unpaired surrogate, which UTF-8 cannot carry
     */
    public static SealedValue seal(DataKey key, SecretIdentity identity, String value) {
        byte[] plaintext = Utf8.encode(value);
        try {
            byte[] nonce = AesGcm.newNonce();
            byte[] ciphertext = AesGcm.encrypt(key.bytes(), nonce, associatedData(key.id(), identity), plaintext);
            return new SealedValue(key.id(), nonce, ciphertext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The value sealed for {@code identity} under {@code key}.
     *
     * @throws SecretCryptoException when {@code sealed} was made under another data key or for another secret or
     *         version, or its stored bytes were changed
     */
    public static String open(DataKey key, SecretIdentity identity, SealedValue sealed) {
        if (!sealed.dataKeyId().equals(key.id())) {
            throw new SecretCryptoException("the value of " + identity + " is sealed under data key "
                    + sealed.dataKeyId() + ", not " + key.id());
        }
        byte[] plaintext;
        try {
            plaintext = AesGcm.decrypt(key.bytes(), sealed.nonce(), associatedData(key.id(), identity),
                    sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new SecretCryptoException("cannot open the value of " + identity + ": it was sealed for another "
                    + "secret or version, or the stored value was changed", e);
        }
        try {
            return new String(plaintext, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    static byte[] associatedData(UUID dataKeyId, SecretIdentity identity) {
        return ("opsplane-secret-value\0" + dataKeyId + "\0" + identity.scope() + "\0" + identity.name() + "\0"
                + identity.version()).getBytes(StandardCharsets.UTF_8);
    }
}
