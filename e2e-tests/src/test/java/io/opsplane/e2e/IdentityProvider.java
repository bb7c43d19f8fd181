package io.opsplane.e2e;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The identity provider the launched platform trusts: an RSA and an EC key pair made once per test
 * run, their JWKS file (which security-service is started with), and the JWTs it signs for people.
 */
final class IdentityProvider {

    static final String ISSUER = "https://idp.e2e.opsplane.test/realms/opsplane";
    static final String AUDIENCE = "opsplane-e2e";
    /** People in this group are admins everywhere, through the role mapping. */
    static final String ADMINS = "e2e-platform-admins";
    static final String DEVELOPERS = "e2e-devs";
    static final String ROLE_MAPPING = ADMINS + "=admin," + DEVELOPERS + "=developer";
    static final String RSA_KID = "e2e-rsa";
    static final String EC_KID = "e2e-ec";

    private static final KeyPair RSA = generate("RSA", 2048);
    private static final KeyPair EC = generate("EC", 0);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private IdentityProvider() {
    }

    /** What the launcher needs to start security-service with sign-in against these keys. */
    static Map<String, String> launcherEnvironment(Path jwksFile) {
        Map<String, String> env = new HashMap<>();
        env.put("OPSPLANE_OIDC_ENABLED", "true");
        env.put("OPSPLANE_OIDC_ISSUER", ISSUER);
        env.put("OPSPLANE_OIDC_AUDIENCE", AUDIENCE);
        env.put("OPSPLANE_OIDC_JWKS_FILE", jwksFile.toAbsolutePath().toString());
        env.put("OPSPLANE_OIDC_ROLE_MAPPING", ROLE_MAPPING);
        // Nothing from the caller's environment: the defaults, and only the JWKS file.
        for (String unset : List.of("OPSPLANE_OIDC_JWKS_URL", "OPSPLANE_OIDC_SUBJECT_CLAIM",
                "OPSPLANE_OIDC_GROUPS_CLAIM", "OPSPLANE_OIDC_LEEWAY")) {
            env.put(unset, null);
        }
        return env;
    }

    /** Writes the public keys as a JWKS file; the folders it creates (the platform home too) are owner-only. */
    static void writeJwks(Path file) {
        RSAPublicKey rsa = (RSAPublicKey) RSA.getPublic();
        ECPublicKey ec = (ECPublicKey) EC.getPublic();
        Map<String, Object> rsaJwk = new LinkedHashMap<>();
        rsaJwk.put("kty", "RSA");
        rsaJwk.put("kid", RSA_KID);
        rsaJwk.put("use", "sig");
        rsaJwk.put("alg", "RS256");
        rsaJwk.put("n", unsigned(rsa.getModulus(), 0));
        rsaJwk.put("e", unsigned(rsa.getPublicExponent(), 0));
        Map<String, Object> ecJwk = new LinkedHashMap<>();
        ecJwk.put("kty", "EC");
        ecJwk.put("kid", EC_KID);
        ecJwk.put("use", "sig");
        ecJwk.put("alg", "ES256");
        ecJwk.put("crv", "P-256");
        ecJwk.put("x", unsigned(ec.getW().getAffineX(), 32));
        ecJwk.put("y", unsigned(ec.getW().getAffineY(), 32));
        try {
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(file, json(Map.of("keys", List.of(rsaJwk, ecJwk))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the identity provider's JWKS file " + file, e);
        }
    }

    /** A valid token for {@code subject} in {@code groups}, ready to change before signing. */
    static Token token(String subject, String... groups) {
        long now = Instant.now().getEpochSecond();
        return new Token().claim("iss", ISSUER).claim("aud", AUDIENCE).claim("sub", subject)
                .claim("exp", now + 300).claim("iat", now - 5).claim("nbf", now - 5)
                .claim("jti", "e2e-" + UUID.randomUUID()).claim("groups", List.of(groups));
    }

    /** The claims of one token and the ways to sign them. */
    static final class Token {

        private final Map<String, Object> claims = new LinkedHashMap<>();

        /** Sets a claim; null removes it. */
        Token claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        String rs256() {
            return signed(Map.of("alg", "RS256", "typ", "JWT", "kid", RSA_KID), "SHA256withRSA", RSA.getPrivate());
        }

        /** ES256 as JWS wants it: R and S, 32 bytes each (the JDK's P1363 format). */
        String es256() {
            return signed(Map.of("alg", "ES256", "typ", "JWT", "kid", EC_KID), "SHA256withECDSAinP1363Format",
                    EC.getPrivate());
        }

        /** Claims the RSA key's kid, but signed by a key the identity provider never had. */
        String rs256ByAStranger() {
            return signed(Map.of("alg", "RS256", "typ", "JWT", "kid", RSA_KID), "SHA256withRSA",
                    generate("RSA", 2048).getPrivate());
        }

        /** {@code alg: none}, with an empty signature. */
        String unsigned() {
            return encode(json(Map.of("alg", "none", "typ", "JWT"))) + "." + encode(json(claims)) + ".";
        }

        private String signed(Map<String, Object> header, String algorithm, PrivateKey key) {
            String input = encode(json(header)) + "." + encode(json(claims));
            try {
                Signature signature = Signature.getInstance(algorithm);
                signature.initSign(key);
                signature.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + BASE64URL.encodeToString(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign a test token with " + algorithm, e);
            }
        }
    }

    private static KeyPair generate(String algorithm, int rsaBits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(rsaBits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key pair", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Base64url of a non-negative number, big-endian, left-padded with zeros to {@code length} bytes when above 0. */
    private static String unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (length > bytes.length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            bytes = padded;
        }
        return BASE64URL.encodeToString(bytes);
    }

    /** Maps, lists, strings and whole numbers as JSON: all that tokens and key sets here hold. */
    private static String json(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName((String) entry.getKey());
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Long || value instanceof Integer) {
            generator.writeNumber(((Number) value).longValue());
        } else {
            throw new IllegalArgumentException("no JSON here for " + value);
        }
    }
}
