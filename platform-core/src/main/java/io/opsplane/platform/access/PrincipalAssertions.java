package io.opsplane.platform.access;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.PrincipalAssertion;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Signed statements by security-service of who a verified caller is and what it may do. A service
 * that relays a call (the gateway) forwards the assertion instead of the caller's token, so the
 * callee decides offline: no round trip to security-service per call, and the caller's token never
 * travels further than the first hop. Ed25519: only security-service holds the private key, every
 * service the public one. Compact form: {@code base64url(assertion) "." base64url(signature)}.
 */
public final class PrincipalAssertions {

    private static final byte[] CONTEXT = "opsplane-principal-assertion-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LENGTH = 64 * 1024;

    private PrincipalAssertions() {
    }

    public static String sign(Principal principal, PrivateKey key, Instant now, Duration ttl) {
        Instant until = now.plus(ttl);
        if (principal.hasExpiresAt() && principal.getExpiresAt().getSeconds() < until.getEpochSecond()) {
            until = Instant.ofEpochSecond(principal.getExpiresAt().getSeconds());
        }
        byte[] body = PrincipalAssertion.newBuilder().setPrincipal(principal.toBuilder().clearAssertion())
                .setIssuedAtSeconds(now.getEpochSecond()).setExpiresAtSeconds(until.getEpochSecond()).build()
                .toByteArray();
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(CONTEXT);
            signer.update(body);
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            return encoder.encodeToString(body) + "." + encoder.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a principal assertion: " + e.getMessage(), e);
        }
    }

    /** A verified assertion: the principal it names and when it stops holding. */
    public record Verified(Principal principal, Instant expiresAt) {
    }

    /** The principal the assertion names; {@link InvalidAssertionException} when it is forged, malformed or expired. */
    public static Principal verify(String assertion, PublicKey key, Instant now) {
        return verified(assertion, key, now).principal();
    }

    /** As {@link #verify}, with the assertion's expiry, so a verifier may remember it until then. */
    public static Verified verified(String assertion, PublicKey key, Instant now) {
        if (assertion == null || assertion.isEmpty() || assertion.length() > MAX_LENGTH) {
            throw new InvalidAssertionException("missing or oversized principal assertion");
        }
        int dot = assertion.indexOf('.');
        if (dot <= 0 || dot != assertion.lastIndexOf('.')) {
            throw new InvalidAssertionException("malformed principal assertion");
        }
        byte[] body;
        byte[] signature;
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            body = decoder.decode(assertion.substring(0, dot));
            signature = decoder.decode(assertion.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidAssertionException("malformed principal assertion");
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(CONTEXT);
            verifier.update(body);
            if (!verifier.verify(signature)) {
                throw new InvalidAssertionException("the principal assertion's signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidAssertionException("the principal assertion's signature does not verify");
        }
        PrincipalAssertion parsed;
        try {
            parsed = PrincipalAssertion.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidAssertionException("malformed principal assertion");
        }
        if (now.getEpochSecond() >= parsed.getExpiresAtSeconds()) {
            throw new InvalidAssertionException("the principal assertion has expired");
        }
        return new Verified(parsed.getPrincipal().toBuilder().setAssertion(assertion).build(),
                Instant.ofEpochSecond(parsed.getExpiresAtSeconds()));
    }

    /** A forged, malformed or expired assertion. */
    public static final class InvalidAssertionException extends RuntimeException {
        public InvalidAssertionException(String message) {
            super(message);
        }
    }
}
