package io.opsplane.observability.alerting.config;

import io.opsplane.platform.yaml.YamlMapping;
import java.util.Map;
import java.util.Set;

/**
 * The part of Alertmanager's {@code http_config} Opsplane honours: whether redirects are followed. Credentials,
 * TLS settings and proxies are refused, because the notifier does not apply them and a silent drop would send
 * notifications without the protection the operator asked for.
 */
public record HttpConfig(boolean followRedirects) {

    public static final HttpConfig DEFAULT = new HttpConfig(true);

    private static final String NOT_APPLIED = "the notifier does not apply it";
    private static final FieldRules FIELDS = new FieldRules(Set.of("follow_redirects"), Map.ofEntries(
            Map.entry("authorization", NOT_APPLIED),
            Map.entry("basic_auth", NOT_APPLIED),
            Map.entry("bearer_token", NOT_APPLIED),
            Map.entry("bearer_token_file", NOT_APPLIED),
            Map.entry("oauth2", NOT_APPLIED),
            Map.entry("tls_config", NOT_APPLIED),
            Map.entry("proxy_url", NOT_APPLIED),
            Map.entry("no_proxy", NOT_APPLIED),
            Map.entry("proxy_from_environment", NOT_APPLIED),
            Map.entry("proxy_connect_header", NOT_APPLIED),
            Map.entry("enable_http2", NOT_APPLIED)));

    static HttpConfig read(YamlMapping section, HttpConfig inherited) {
        FIELDS.check(section);
        return new HttpConfig(section.bool("follow_redirects", inherited.followRedirects()));
    }
}
