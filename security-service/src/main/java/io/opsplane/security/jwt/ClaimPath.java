package io.opsplane.security.jwt;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A dotted path into nested claim objects, such as {@code realm_access.roles}. */
final class ClaimPath {

    private final String text;
    private final List<String> segments;

    private ClaimPath(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    static ClaimPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("JWT groups claim path must not be blank");
        }
        List<String> segments = List.of(text.split("\\.", -1));
        if (segments.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("JWT groups claim path has an empty segment: '" + text + "'");
        }
        return new ClaimPath(text, segments);
    }

    /**
     * The value at this path, or empty when a segment is absent.
     *
     * @throws IllegalArgumentException when a segment before the last is present but not an object
     */
    Optional<Object> find(Map<String, Object> claims) {
        Map<String, Object> current = claims;
        for (int i = 0; i < segments.size() - 1; i++) {
            Object next = current.get(segments.get(i));
            if (next == null) {
                return Optional.empty();
            }
            if (!(next instanceof Map)) {
                throw new IllegalArgumentException("'" + String.join(".", segments.subList(0, i + 1))
                        + "' is not an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) next;
            current = object;
        }
        return Optional.ofNullable(current.get(segments.get(segments.size() - 1)));
    }

    @Override
    public String toString() {
        return text;
    }
}
