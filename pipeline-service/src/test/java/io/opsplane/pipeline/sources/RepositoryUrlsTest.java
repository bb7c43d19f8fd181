package io.opsplane.pipeline.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryUrlsTest {

    @ParameterizedTest(name = "{0} (file allowed: {1}) -> {2}")
    @CsvSource(delimiter = '|', value = {
            "https://github.com/acme/app.git        | false | true",
            "ssh://git@gitlab.example.com/acme/app  | false | true",
            "https://bot@github.com/acme/app.git    | false | true",
            "https://bot:pw@github.com/acme/app.git | false | false",
            "file:///srv/git/app.git                | false | false",
            "file:///srv/git/app.git                | true  | true",
            "file://host/srv/git/app.git            | true  | false",
            "http://github.com/acme/app.git         | false | false",
            "git://github.com/acme/app.git          | true  | false",
            "ext::sh -c touch% /tmp/x               | true  | false",
            "git@github.com:acme/app.git            | false | false",
            "-uhttps://x                            | false | false",
            "/srv/git/app.git                       | true  | false",
            "https:///nohost                        | false | false"})
    void schemes(String url, boolean allowFile, boolean accepted) {
        if (accepted) {
            assertEquals(url, RepositoryUrls.check(url, allowFile));
        } else {
            assertThrows(IllegalArgumentException.class, () -> RepositoryUrls.check(url, allowFile));
        }
    }

    @org.junit.jupiter.api.Test
    void theUserComesFromTheUrl() {
        assertEquals("bot", RepositoryUrls.user("https://bot@github.com/a.git"));
        assertEquals("git", RepositoryUrls.user("https://github.com/a.git"));
    }
}
