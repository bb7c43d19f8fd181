package io.opsplane.security.secretstore;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a listing of secrets goes on: after the secret {@code scope}/{@code name}, in (scope, name) order.
 * Encoded as base64url so clients treat it as opaque; it names a secret the caller was shown.
 */
record SecretPageToken(String scope, String name) {

    static final SecretPageToken START = new SecretPageToken("", "");

    static SecretPageToken decode(String token) {
        if (token == null || token.isEmpty()) {
            return START;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            if (newline > 0) {
                return new SecretPageToken(text.substring(0, newline), text.substring(newline + 1));
            }
        } catch (IllegalArgumentException e) {
            // Reported below, like any other token this service did not issue.
        }
        throw new IllegalArgumentException("page_token is not one a listing of secrets returned");
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((scope + "\n" + name).getBytes(StandardCharsets.UTF_8));
    }
}
