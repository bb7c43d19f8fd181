package io.opsplane.security.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.security.jwt.JwksFile;
import io.opsplane.security.jwt.JwksUrl;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OidcSetupTest {

    /** The settings as the configuration gives them. */
    record Settings(boolean enabled, Optional<String> issuer, Optional<String> audiences, Optional<String> jwksFile,
            Optional<String> jwksUrl, String subjectClaim, String groupsClaim, Duration leeway,
            Optional<String> roleMapping) implements OidcConfig {

        Settings withJwks(String file, String url) {
            return new Settings(enabled, issuer, audiences, Optional.ofNullable(file), Optional.ofNullable(url),
                    subjectClaim, groupsClaim, leeway, roleMapping);
        }
    }

    @TempDir
    static Path folder;
    static Path jwks;

    @BeforeAll
    static void aJwksFile() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
        jwks = folder.resolve("jwks.json");
        Files.writeString(jwks, "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\",\"alg\":\"ES256\",\"x\":\""
                + coordinate(key.getW().getAffineX()) + "\",\"y\":\"" + coordinate(key.getW().getAffineY()) + "\"}]}");
    }

    /** A P-256 coordinate as JWK wants it: 32 bytes, big-endian, base64url. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    private static Settings valid() {
        return new Settings(true, Optional.of("https://idp.example.test"), Optional.of(" opsplane , opsplane-cli ,"),
                Optional.of(jwks.toString()), Optional.empty(), "preferred_username", "realm_access.roles",
                Duration.ofSeconds(10), Optional.of("platform-admins=admin"));
    }

    private static String problem(Settings settings) {
        return assertThrows(IllegalStateException.class, () -> OidcSetup.check(settings, Clock.systemUTC()))
                .getMessage();
    }

    @Test
    void validSettingsGiveTheVerifierItsSettingsKeysAndRoles() {
        OidcSetup setup = OidcSetup.check(valid(), Clock.systemUTC());

        assertEquals("https://idp.example.test", setup.settings().issuer());
        assertEquals(Set.of("opsplane", "opsplane-cli"), setup.settings().audiences());
        assertEquals("preferred_username", setup.settings().subjectClaim());
        assertEquals("realm_access.roles", setup.settings().groupsClaim());
        assertEquals(Duration.ofSeconds(10), setup.settings().leeway());
        assertEquals(8192, setup.settings().maxTokenLength());
        assertInstanceOf(JwksFile.class, setup.keys());
        assertEquals("platform-admins=admin", setup.roles().toString());
    }

    @Test
    void aJwksUrlIsTheKeySourceWhenNamedInstead() {
        OidcSetup setup = OidcSetup.check(valid().withJwks(null, "https://idp.example.test/certs"), Clock.systemUTC());

        assertInstanceOf(JwksUrl.class, setup.keys());
    }

    @Test
    void noIssuerIsRefusedByName() {
        Settings settings = valid();
        String message = problem(new Settings(true, Optional.of("  "), settings.audiences(), settings.jwksFile(),
                Optional.empty(), "sub", "groups", Duration.ofSeconds(30), Optional.empty()));

        assertTrue(message.startsWith("sign-in with JWTs is enabled (opsplane.security.oidc.enabled) but cannot start: "),
                message);
        assertTrue(message.contains("opsplane.security.oidc.issuer (OPSPLANE_OIDC_ISSUER) is not set"), message);
    }

    @Test
    void noAudienceIsRefusedByName() {
        Settings settings = valid();
        String message = problem(new Settings(true, settings.issuer(), Optional.of(" , "), settings.jwksFile(),
                Optional.empty(), "sub", "groups", Duration.ofSeconds(30), Optional.empty()));

        assertTrue(message.contains("opsplane.security.oidc.audiences (OPSPLANE_OIDC_AUDIENCE) names no audience"),
                message);
    }

    @Test
    void bothOrNeitherJwksSourceIsRefused() {
        String both = problem(valid().withJwks(jwks.toString(), "https://idp.example.test/certs"));
        String neither = problem(valid().withJwks(null, " "));

        assertTrue(both.contains("set exactly one of opsplane.security.oidc.jwks-file (OPSPLANE_OIDC_JWKS_FILE) and "
                + "opsplane.security.oidc.jwks-url (OPSPLANE_OIDC_JWKS_URL); both are set"), both);
        assertTrue(neither.endsWith("; neither is set"), neither);
    }

    @Test
    void aRoleThatIsNotBuiltInIsRefusedByName() {
        Settings settings = valid();
        String message = problem(new Settings(true, settings.issuer(), settings.audiences(), settings.jwksFile(),
                Optional.empty(), "sub", "groups", Duration.ofSeconds(30), Optional.of("devs=developer,x=superuser")));

        assertTrue(message.contains("opsplane.security.oidc.role-mapping (OPSPLANE_OIDC_ROLE_MAPPING): role mapping "
                + "maps 'x' to 'superuser', which is not a built-in role"), message);
    }

    @Test
    void anUnreadableJwksFileOrAPlainHttpUrlIsRefused() throws IOException {
        Path broken = Files.writeString(folder.resolve("broken.json"), "{\"keys\":");

        String missing = problem(valid().withJwks(folder.resolve("missing.json").toString(), null));
        String invalid = problem(valid().withJwks(broken.toString(), null));
        String plainHttp = problem(valid().withJwks(null, "http://idp.example.test/certs"));

        assertTrue(missing.contains("cannot read JWKS file " + folder.resolve("missing.json")), missing);
        assertTrue(invalid.contains("JWKS file " + broken), invalid);
        assertTrue(plainHttp.contains("JWKS URL must use https unless its host is loopback"), plainHttp);
    }

    @Test
    void everyProblemIsListedAtOnce() {
        String message = problem(new Settings(true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "sub", "groups", Duration.ofSeconds(30), Optional.of("a=root")));

        assertTrue(message.contains("issuer"), message);
        assertTrue(message.contains("audiences"), message);
        assertTrue(message.contains("role-mapping"), message);
        assertTrue(message.contains("neither is set"), message);
    }

    @Test
    void aNegativeLeewayIsRefused() {
        Settings settings = valid();
        String message = problem(new Settings(true, settings.issuer(), settings.audiences(), settings.jwksFile(),
                Optional.empty(), "sub", "groups", Duration.ofSeconds(-1), Optional.empty()));

        assertTrue(message.contains("leeway must not be negative"), message);
    }
}
