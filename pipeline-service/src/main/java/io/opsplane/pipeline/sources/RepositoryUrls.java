package io.opsplane.pipeline.sources;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Which repository URLs a source may name: {@code https://} and {@code ssh://} always; {@code file://} only when
 * the operator allows it ({@code opsplane.pipeline.sources.allow-file-urls}), since it reads this host's disk.
 * No other scheme (no {@code git://}, {@code ext::}, scp-like {@code host:path}, options such as {@code -u...}),
 * and no password in the URL: credentials come from a secret.
 */
public final class RepositoryUrls {

    private RepositoryUrls() {
    }

    /** The URL, checked; IllegalArgumentException says why one is refused. */
    public static String check(String url, boolean allowFileUrls) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("repository_url is required");
        }
        if (url.length() > 2048 || url.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException("repository_url must be at most 2048 characters without spaces or "
                    + "control characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("repository_url is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "https", "ssh" -> {
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    throw new IllegalArgumentException("repository_url must name a host");
                }
                if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
                    throw new IllegalArgumentException("repository_url must not hold a password: name a "
                            + "credentials_secret instead");
                }
            }
            case "file" -> {
                if (!allowFileUrls) {
                    throw new IllegalArgumentException("file:// repositories are not allowed here (the operator "
                            + "may allow them with opsplane.pipeline.sources.allow-file-urls)");
                }
                if (uri.getPath() == null || !uri.getPath().startsWith("/")
                        || (uri.getHost() != null && !uri.getHost().isEmpty())) {
                    throw new IllegalArgumentException("a file:// URL must be file:///<absolute path>");
                }
            }
            default -> throw new IllegalArgumentException("repository_url must start with https:// or ssh://"
                    + (allowFileUrls ? " or file://" : "") + ", not '" + (scheme.isEmpty() ? url : scheme + "://")
                    + "'");
        }
        return url;
    }

    /** The user name for https credentials: the URL's, or "git". */
    public static String user(String url) {
        try {
            String info = new URI(url).getUserInfo();
            return info == null || info.isEmpty() ? "git" : info;
        } catch (URISyntaxException e) {
            return "git";
        }
    }
}
