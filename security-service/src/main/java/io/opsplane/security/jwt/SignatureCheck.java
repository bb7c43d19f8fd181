package io.opsplane.security.jwt;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/** Checks a JWS signature with the JDK, after the key was matched to the algorithm. */
final class SignatureCheck {

    private SignatureCheck() {
    }

    /** Returns normally when {@code signature} over {@code signingInput} verifies with {@code key}. */
    static void verify(JwtAlgorithm algorithm, PublicKey key, byte[] signingInput, byte[] signature) {
        byte[] jdkSignature = signature;
        if (algorithm == JwtAlgorithm.ES256) {
            if (signature.length != EcdsaSignatures.JOSE_LENGTH) {
                throw new JwtRejectedException(RejectionReason.MALFORMED_SIGNATURE, "ES256 signature is "
                        + signature.length + " bytes, not R||S of " + EcdsaSignatures.JOSE_LENGTH);
            }
            jdkSignature = EcdsaSignatures.joseToDer(signature);
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(algorithm.jdkSignature());
            verifier.initVerify(key);
            verifier.update(signingInput);
            valid = verifier.verify(jdkSignature);
        } catch (InvalidKeyException e) {
            throw new JwtRejectedException(RejectionReason.ALGORITHM_KEY_MISMATCH, "key refused for " + algorithm);
        } catch (SignatureException e) {
            // The JDK throws rather than returns false for some malformed values, such as R or S of zero.
            valid = false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jdkSignature() + " is missing from this JVM", e);
        }
        if (!valid) {
            throw new JwtRejectedException(RejectionReason.BAD_SIGNATURE, algorithm + " signature does not verify");
        }
    }
}
