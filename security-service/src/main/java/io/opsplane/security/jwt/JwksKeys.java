package io.opsplane.security.jwt;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of signing keys read from a JWKS document: RSA keys of at least 2048 bits for
 * RS256 and P-256 keys for ES256. Keys for other uses, algorithms, curves or types are skipped and
 * listed in {@link #refusedKeys()}; a malformed key makes {@link #parse} fail.
 */
public final class JwksKeys {

    private final List<JwksKey> keys;
    private final List<String> refusedKeys;

    private JwksKeys(List<JwksKey> keys, List<String> refusedKeys) {
        this.keys = List.copyOf(keys);
        this.refusedKeys = List.copyOf(refusedKeys);
    }

    /**
     * Reads a JWKS document ({@code {"keys": [...]}}).
     *
     * @throws InvalidJwksException when the document or one of its keys is malformed
     */
    public static JwksKeys parse(String jwksJson) {
        if (jwksJson == null) {
            throw new InvalidJwksException("JWKS document is missing");
        }
        Map<String, Object> document;
        try {
            document = StrictJson.parseObject(jwksJson);
        } catch (StrictJson.MalformedJsonException e) {
            throw new InvalidJwksException("JWKS document is " + e.getMessage());
        }
        if (!(document.get("keys") instanceof List<?> entries)) {
            throw new InvalidJwksException("JWKS document has no keys array");
        }
        List<JwksKey> keys = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Set<String> kidsPerType = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw new InvalidJwksException("JWKS key " + i + " is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            JwkReader.Outcome outcome = JwkReader.read(i, (Map<String, Object>) entry);
            if (outcome.key() == null) {
                refused.add(outcome.refusal());
                continue;
            }
            JwksKey key = outcome.key();
            // Two keys of one type under one kid would make the choice of key depend on their order.
            if (key.kid() != null && !kidsPerType.add(key.algorithm() + " " + key.kid())) {
                throw new InvalidJwksException("JWKS has two " + key.algorithm().keyType() + " keys with kid "
                        + LogText.quote(key.kid()));
            }
            keys.add(key);
        }
        return new JwksKeys(keys, refused);
    }

    /**
     * The key a token signed with {@code alg} under {@code kid} names. With a kid: the key of that kid,
     * preferring one whose type fits {@code alg}; the caller must still check that the key fits. Without
     * a kid: the only key for {@code alg}, and none when there are several.
     */
    public Optional<PublicKey> find(String kid, String alg) {
        Optional<JwtAlgorithm> algorithm = JwtAlgorithm.named(alg);
        if (kid == null) {
            List<JwksKey> candidates = algorithm.isEmpty() ? List.of()
                    : keys.stream().filter(key -> key.algorithm() == algorithm.get()).toList();
            return candidates.size() == 1 ? Optional.of(candidates.get(0).key()) : Optional.empty();
        }
        List<JwksKey> named = keys.stream().filter(key -> kid.equals(key.kid())).toList();
        Optional<JwksKey> fitting = named.stream()
                .filter(key -> algorithm.isPresent() && key.algorithm() == algorithm.get()).findFirst();
        if (fitting.isPresent()) {
            return Optional.of(fitting.get().key());
        }
        return named.size() == 1 ? Optional.of(named.get(0).key()) : Optional.empty();
    }

    /** How many signing keys the set holds. */
    public int size() {
        return keys.size();
    }

    /** One line for each key skipped while parsing, saying why. */
    public List<String> refusedKeys() {
        return refusedKeys;
    }
}
