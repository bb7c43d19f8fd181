package io.opsplane.security.secrets;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a 12-byte random nonce and a 128-bit tag: the one cipher of this package. */
final class AesGcm {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private AesGcm() {
    }

    /** A fresh random nonce; random 96-bit nonces stay safe far beyond the values one data key seals. */
    static byte[] newNonce() {
        return CryptoRandom.bytes(NONCE_BYTES);
    }

    /** The ciphertext followed by the tag. */
    static byte[] encrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, nonce, associatedData).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * The plaintext; a {@link GeneralSecurityException} (usually a tag mismatch) when the key, nonce, associated
     * data or ciphertext differ from those of the encryption.
     */
    static byte[] decrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext)
            throws GeneralSecurityException {
        return cipher(Cipher.DECRYPT_MODE, key, nonce, associatedData).doFinal(ciphertext);
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] associatedData)
            throws GeneralSecurityException {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key is " + KEY_BYTES + " bytes, not " + key.length);
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
