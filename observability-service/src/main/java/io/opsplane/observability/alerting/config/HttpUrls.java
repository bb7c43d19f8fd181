package io.opsplane.observability.alerting.config;

import io.opsplane.platform.egress.ReceiverUrlPolicy;
import io.opsplane.platform.egress.UnsafeUrlException;
import io.opsplane.platform.yaml.YamlNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Alertmanager's URL fields: an absolute http or https URL with a host, which the receiver URL policy allows. */
final class HttpUrls {

    private HttpUrls() {
    }

    static URI parse(YamlNode node, ReceiverUrlPolicy policy) {
        String text = node.asString();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw node.error("invalid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw node.error("unsupported scheme \"" + scheme + "\" for URL (use http or https)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw node.error("host is missing in URL");
        }
        try {
            policy.checkUrl(uri);
        } catch (UnsafeUrlException e) {
            throw node.error(e.getMessage());
        }
        return uri;
    }
}
