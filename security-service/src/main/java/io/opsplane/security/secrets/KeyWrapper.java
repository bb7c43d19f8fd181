package io.opsplane.security.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Envelope encryption of data keys: AES-256-GCM under a master key, with the data key's id and the master key's
 * id as associated data, so a wrapped key moved to another id, or relabelled with another master key, fails to
 * unwrap.
 */
public final class KeyWrapper {

    private KeyWrapper() {
    }

    /** {@code key} wrapped under {@code masterKey}, with a fresh nonce. */
    public static WrappedDataKey wrap(DataKey key, MasterKey masterKey) {
        byte[] nonce = AesGcm.newNonce();
        byte[] ciphertext = AesGcm.encrypt(masterKey.bytes(), nonce, associatedData(key.id(), masterKey.keyId()),
                key.bytes());
        return new WrappedDataKey(key.id(), masterKey.keyId(), nonce, ciphertext);
    }

    /**
     * The data key, unwrapped with the ring's key named by {@code wrapped.masterKeyId()}, current or previous.
     *
     * @throws SecretCryptoException when that master key is not in the ring, or it does not open the wrapped key
     *         (another key under the same id, or stored bytes changed)
     */
    public static DataKey unwrap(WrappedDataKey wrapped, KeyRing ring) {
        MasterKey masterKey = ring.require(wrapped.masterKeyId());
        try {
            byte[] bytes = AesGcm.decrypt(masterKey.bytes(), wrapped.nonce(),
                    associatedData(wrapped.id(), wrapped.masterKeyId()), wrapped.ciphertext());
            return new DataKey(wrapped.id(), bytes);
        } catch (GeneralSecurityException e) {
            throw new SecretCryptoException("cannot unwrap data key " + wrapped.id() + " with master key "
                    + wrapped.masterKeyId() + ": it was wrapped under another key, or the stored key was changed", e);
        }
    }

    static byte[] associatedData(UUID dataKeyId, String masterKeyId) {
        return ("opsplane-data-key\0" + dataKeyId + "\0" + masterKeyId).getBytes(StandardCharsets.UTF_8);
    }
}
