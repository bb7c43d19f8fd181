package io.opsplane.security.jwt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds compact JWTs for tests: any header and claims, raw JSON where the JSON itself is under test,
 * signed RS256, ES256 (JOSE R||S or, to test refusal, DER), RS512, HS256 or not at all.
 */
final class TestTokens {

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String rawHeader;
    private String rawPayload;
    private UnaryOperator<byte[]> signer;

    private TestTokens(UnaryOperator<byte[]> signer) {
        this.signer = signer;
    }

    /** A token signed by {@code signer} over the signing input, with an empty header and no claims yet. */
    static TestTokens signedBy(UnaryOperator<byte[]> signer) {
        return new TestTokens(signer);
    }

    /** Sets a header member; null removes it. */
    TestTokens header(String name, Object value) {
        put(header, name, value);
        return this;
    }

    /** Sets a claim; null removes it. */
    TestTokens claim(String name, Object value) {
        put(claims, name, value);
        return this;
    }

    TestTokens claims(Map<String, Object> values) {
        claims.putAll(values);
        return this;
    }

    /** Uses this exact header JSON instead of the header members. */
    TestTokens rawHeader(String json) {
        rawHeader = json;
        return this;
    }

    /** Uses this exact payload JSON instead of the claims. */
    TestTokens rawPayload(String json) {
        rawPayload = json;
        return this;
    }

    TestTokens signer(UnaryOperator<byte[]> newSigner) {
        signer = newSigner;
        return this;
    }

    String build() {
        String head = encode(rawHeader != null ? rawHeader : TestJson.write(header));
        String body = encode(rawPayload != null ? rawPayload : TestJson.write(claims));
        byte[] signature = signer.apply((head + "." + body).getBytes(StandardCharsets.US_ASCII));
        return head + "." + body + "." + Base64Url.encode(signature);
    }

    static String encode(String json) {
        return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    }

    static UnaryOperator<byte[]> rs256(PrivateKey key) {
        return input -> sign("SHA256withRSA", key, input);
    }

    static UnaryOperator<byte[]> rs512(PrivateKey key) {
        return input -> sign("SHA512withRSA", key, input);
    }

    /** ES256 as JWS wants it: R and S, 32 bytes each. */
    static UnaryOperator<byte[]> es256(PrivateKey key) {
        return input -> derToJose(sign("SHA256withECDSA", key, input));
    }

    /** ES256 in the JDK's DER form, which JWS does not allow. */
    static UnaryOperator<byte[]> es256Der(PrivateKey key) {
        return input -> sign("SHA256withECDSA", key, input);
    }

    static UnaryOperator<byte[]> hs256(byte[] secret) {
        return input -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac.doFinal(input);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static UnaryOperator<byte[]> unsigned() {
        return input -> new byte[0];
    }

    /** The token with one bit of part {@code part} (0 header, 1 payload, 2 signature) flipped. */
    static String flipBit(String token, int part, int byteIndex) {
        String[] parts = token.split("\\.", -1);
        byte[] bytes = Base64Url.decode(parts[part]);
        bytes[byteIndex] ^= 0x01;
        parts[part] = Base64Url.encode(bytes);
        return String.join(".", parts);
    }

    /** The token with its signature replaced by {@code signature}. */
    static String withSignature(String token, byte[] signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + Base64Url.encode(signature);
    }

    private static byte[] sign(String algorithm, PrivateKey key, byte[] input) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SEQUENCE { INTEGER r, INTEGER s } to r and s as 32 unsigned bytes each. */
    static byte[] derToJose(byte[] der) {
        int offset = 2;
        int rLength = der[offset + 1];
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength));
        offset += 2 + rLength;
        int sLength = der[offset + 1];
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(der, offset + 2, offset + 2 + sLength));
        byte[] jose = new byte[64];
        copyUnsigned(r, jose, 0);
        copyUnsigned(s, jose, 32);
        return jose;
    }

    private static void copyUnsigned(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, target, offset + 32 - length, length);
    }

    private static void put(Map<String, Object> map, String name, Object value) {
        if (value == null) {
            map.remove(name);
        } else {
            map.put(name, value);
        }
    }
}
