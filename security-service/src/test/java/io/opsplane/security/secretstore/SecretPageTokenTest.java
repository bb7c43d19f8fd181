package io.opsplane.security.secretstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPageTokenTest {

    @Test
    void aTokenComesBackAsTheSecretItNames() {
        SecretPageToken token = new SecretPageToken("pipeline:web", "DB_PASSWORD");

        assertEquals(token, SecretPageToken.decode(token.encode()));
    }

    @Test
    void noTokenIsTheStart() {
        assertEquals(SecretPageToken.START, SecretPageToken.decode(""));
        assertEquals(SecretPageToken.START, SecretPageToken.decode(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a token", "%%%", "Z2xvYmFs", "CkRCX1BBU1NXT1JE"})
    void anythingElseIsRefused(String token) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretPageToken.decode(token));
        assertEquals("page_token is not one a listing of secrets returned", e.getMessage());
    }
}
