package io.opsplane.security.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.access.PrincipalAssertions;
import io.opsplane.platform.access.Principals;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.access.SigningKeys;
import io.opsplane.proto.security.v1.AccessServiceGrpc;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.Binding;
import io.opsplane.proto.security.v1.CreateBindingRequest;
import io.opsplane.proto.security.v1.Grant;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.PrincipalAssertion;
import io.opsplane.proto.security.v1.TokenServiceGrpc;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * People sign in with their identity provider's JWTs: security-service, with sign-in on and a JWKS
 * file of an RSA and an EC key, answers {@code Authenticate} from the gateway with a signed principal
 * of kind {@code jwt}, or with the one answer every bad token gets.
 */
@QuarkusTest
@WithTestResource(value = JwtAuthenticationTest.IdentityProvider.class,
        initArgs = @ResourceArg(name = "database", value = "security_jwt"))
class JwtAuthenticationTest {

    static final String ISSUER = "https://idp.test.opsplane/realms/opsplane";
    static final String AUDIENCE = "opsplane";
    static final String RSA_KID = "idp-rsa";
    static final String EC_KID = "idp-ec";
    static final String INVALID_TOKEN = "the token is missing, unknown, expired or revoked";

    /**
     * The usual resources, plus an identity provider: fresh key pairs, their JWKS file, and sign-in
     * turned on against it. The private keys are left beside the JWKS for the test to sign with.
     */
    public static class IdentityProvider extends OpsplaneTestResources {

        private Path folder;

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            KeyPair rsa = TestKeys.rsa(2048);
            KeyPair ec = TestKeys.ec();
            try {
                folder = Files.createTempDirectory("opsplane-idp");
                Files.write(folder.resolve(RSA_KID + ".pk8"), rsa.getPrivate().getEncoded());
                Files.write(folder.resolve(RSA_KID + ".pub"), rsa.getPublic().getEncoded());
                Files.write(folder.resolve(EC_KID + ".pk8"), ec.getPrivate().getEncoded());
                Path jwks = folder.resolve("jwks.json");
                Files.writeString(jwks, TestKeys.jwks(TestKeys.rsaJwk(RSA_KID, rsa), TestKeys.ecJwk(EC_KID, ec)));
                config.put("opsplane.security.oidc.jwks-file", jwks.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.put("opsplane.security.oidc.enabled", "true");
            config.put("opsplane.security.oidc.issuer", ISSUER);
            config.put("opsplane.security.oidc.audiences", AUDIENCE + ", opsplane-cli");
            config.put("opsplane.security.oidc.role-mapping", "platform-admins=admin,devs=developer");
            return config;
        }

        @Override
        public void stop() {
            super.stop();
            if (folder != null) {
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                } catch (IOException e) {
                    // A temporary folder left behind harms nothing.
                }
            }
        }
    }

    @GrpcClient("self")
    TokenServiceGrpc.TokenServiceBlockingStub tokens;

    @GrpcClient("self")
    AccessServiceGrpc.AccessServiceBlockingStub access;

    private static Path keyFolder() {
        String jwks = ConfigProvider.getConfig().getValue("opsplane.security.oidc.jwks-file", String.class);
        return Path.of(jwks).getParent();
    }

    private static PrivateKey privateKey(String kid, String algorithm) {
        try {
            byte[] encoded = Files.readAllBytes(keyFolder().resolve(kid + ".pk8"));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test identity provider's key " + kid, e);
        }
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static Map<String, Object> claims(String subject, List<String> groups) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", subject);
        claims.put("exp", now() + 300);
        claims.put("iat", now() - 5);
        claims.put("nbf", now() - 5);
        claims.put("jti", "jti-" + UUID.randomUUID());
        claims.put("groups", groups);
        return claims;
    }

    /** A valid RS256 token of the test identity provider, ready to change. */
    private static TestTokens rsa(String subject, List<String> groups) {
        return TestTokens.signedBy(TestTokens.rs256(privateKey(RSA_KID, "RSA")))
                .header("alg", "RS256").header("typ", "JWT").header("kid", RSA_KID).claims(claims(subject, groups));
    }

    /** A valid ES256 token of the test identity provider, ready to change. */
    private static TestTokens ec(String subject, List<String> groups) {
        return TestTokens.signedBy(TestTokens.es256(privateKey(EC_KID, "EC")))
                .header("alg", "ES256").header("typ", "JWT").header("kid", EC_KID).claims(claims(subject, groups));
    }

    private Principal authenticate(String token) throws IOException {
        String gatewayToken = Files.readString(Path.of("src/test/resources/service-tokens/gateway.token")).strip();
        return TestPrincipals.withToken(gatewayToken, tokens)
                .authenticate(AuthenticateRequest.newBuilder().setToken(token).build());
    }

    private static List<Grant> grantsVia(Principal principal, String via) {
        return principal.getGrantsList().stream().filter(grant -> grant.getVia().equals(via)).toList();
    }

    @Test
    void anRs256TokenSignsInWithItsSubjectGroupsAndMappedRole() throws Exception {
        String subject = "alice-" + UUID.randomUUID();
        long expiresAt = now() + 120;
        String token = rsa(subject, List.of("platform-admins", "readers")).claim("exp", expiresAt)
                .claim("jti", "session-1").build();

        Principal principal = authenticate(token);

        assertEquals("jwt", principal.getKind());
        assertEquals(subject, principal.getSubject());
        assertEquals(List.of("platform-admins", "readers"), principal.getGroupsList());
        assertEquals("session-1", principal.getTokenId());
        assertEquals(expiresAt, principal.getExpiresAt().getSeconds());
        List<Grant> mapped = grantsVia(principal, "claim:platform-admins");
        assertEquals(1, mapped.size(), principal.getGrantsList().toString());
        assertEquals("admin", mapped.get(0).getRole());
        assertEquals("global", mapped.get(0).getScope());
        assertEquals(List.of("admin"), principal.getRolesList());
        assertTrue(Principals.authorityOf(principal).decide("access:grant", ResourceRef.of("pipeline", "web")).allowed());
        // The assertion the services trust verifies, and ends no later than the token.
        String publicKey = ConfigProvider.getConfig().getValue("opsplane.auth.principal-key", String.class);
        Principal asserted = PrincipalAssertions.verify(principal.getAssertion(), SigningKeys.publicKey(publicKey),
                Instant.now());
        assertEquals(principal.getGrantsList(), asserted.getGrantsList());
        PrincipalAssertion body = PrincipalAssertion.parseFrom(Base64.getUrlDecoder()
                .decode(principal.getAssertion().substring(0, principal.getAssertion().indexOf('.'))));
        assertTrue(body.getExpiresAtSeconds() <= expiresAt, body.toString());
    }

    @Test
    void anEs256TokenSignsInWithTheRoleItsGroupIsMappedTo() throws Exception {
        String subject = "dev-" + UUID.randomUUID();

        Principal principal = authenticate(ec(subject, List.of("devs")).build());

        assertEquals("jwt", principal.getKind());
        assertEquals(subject, principal.getSubject());
        assertEquals(List.of("devs"), principal.getGroupsList());
        List<Grant> mapped = grantsVia(principal, "claim:devs");
        assertEquals(1, mapped.size(), principal.getGrantsList().toString());
        assertEquals("developer", mapped.get(0).getRole());
        var authority = Principals.authorityOf(principal);
        assertTrue(authority.decide("pipelines:run", ResourceRef.of("pipeline", "any")).allowed());
        assertFalse(authority.decide("deployments:promote", ResourceRef.of("application", "cart")).allowed());
    }

    @Test
    void storedBindingsOfTheSubjectAndOfItsGroupsApply() throws Exception {
        String subject = "carol-" + UUID.randomUUID();
        String group = "team-" + UUID.randomUUID();
        Binding ofGroup = TestPrincipals.as(TestPrincipals.admin(), access).createBinding(CreateBindingRequest
                .newBuilder().setRole("operator").setScope("project:shop").setGroup(group).build());
        Binding ofSubject = TestPrincipals.as(TestPrincipals.admin(), access).createBinding(CreateBindingRequest
                .newBuilder().setRole("viewer").setScope("pipeline:web").setSubject(subject).build());

        Principal principal = authenticate(rsa(subject, List.of(group)).build());
        Principal outsider = authenticate(rsa("dave-" + UUID.randomUUID(), List.of("elsewhere")).build());

        List<Grant> fromGroup = grantsVia(principal, "binding:" + ofGroup.getId());
        assertEquals(1, fromGroup.size(), principal.getGrantsList().toString());
        assertEquals("operator", fromGroup.get(0).getRole());
        assertEquals("project:shop", fromGroup.get(0).getScope());
        assertEquals(1, grantsVia(principal, "binding:" + ofSubject.getId()).size(), principal.getGrantsList().toString());
        assertTrue(Principals.authorityOf(principal).decide("deployments:promote",
                ResourceRef.of("application", "cart").in("project", "shop")).allowed());
        assertEquals(List.of(), outsider.getGrantsList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alg none", "HS256 signed with the public key", "wrong issuer", "wrong audience",
        "expired", "not yet valid", "bad signature", "unknown kid", "no sub", "longer than 8192 characters"})
    void aFlawedTokenIsUnauthenticatedWithTheOneAnswer(String flaw) throws Exception {
        String token = flawed(flaw, rsa("mallory", List.of("platform-admins")));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> authenticate(token));

        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode(), flaw);
        assertEquals(INVALID_TOKEN, e.getStatus().getDescription(), flaw);
    }

    private static String flawed(String flaw, TestTokens valid) throws IOException {
        return switch (flaw) {
            case "alg none" -> valid.header("alg", "none").header("kid", null).signer(TestTokens.unsigned()).build();
            case "HS256 signed with the public key" -> valid.header("alg", "HS256")
                    .signer(TestTokens.hs256(Files.readAllBytes(keyFolder().resolve(RSA_KID + ".pub")))).build();
            case "wrong issuer" -> valid.claim("iss", "https://idp.test.opsplane/realms/other").build();
            case "wrong audience" -> valid.claim("aud", "someone-else").build();
            case "expired" -> valid.claim("exp", now() - 120).claim("iat", now() - 600).claim("nbf", now() - 600).build();
            case "not yet valid" -> valid.claim("nbf", now() + 120).build();
            case "bad signature" -> TestTokens.flipBit(valid.build(), 2, 10);
            case "unknown kid" -> valid.header("kid", "retired-key").build();
            case "no sub" -> valid.claim("sub", null).build();
            case "longer than 8192 characters" -> valid.claim("groups", List.of("g".repeat(9000))).build();
            default -> throw new IllegalArgumentException(flaw);
        };
    }
}
