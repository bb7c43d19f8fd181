package io.opsplane.observability.discovery;

import io.opsplane.observability.promql.Durations;
import io.opsplane.platform.egress.Cidr;
import io.opsplane.platform.egress.ReceiverUrlPolicy;
import io.opsplane.platform.egress.UnsafeUrlException;
import io.opsplane.platform.text.PrintableText;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a user's scrape job must follow before the metrics store is told to scrape it. Scrape targets live on
 * private networks and on this machine as a rule, so those are allowed; link-local addresses (the cloud metadata
 * service 169.254.169.254), multicast, reserved and ambiguous numeric address forms are not, since the store would
 * fetch them and report what it read in its scrape errors.
 */
public final class UserScrapeTargets {

    public static final int MAX_TARGETS = 100;
    public static final int MAX_LABELS = 30;
    public static final int MAX_LABEL_VALUE = 1024;
    public static final int MAX_PATH = 256;
    public static final String DEFAULT_METRICS_PATH = "/metrics";
    public static final int MAX_URL = 2048;
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);
    public static final Duration MIN_REFRESH = Duration.ofSeconds(5);
    public static final Duration MAX_REFRESH = Duration.ofHours(1);

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,62}");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern ADDRESS = Pattern.compile("(?<host>\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+):(?<port>[0-9]{1,5})");
    /** Private networks and this machine are where scrape targets are; everything else the receiver policy says. */
    private static final ReceiverUrlPolicy SCRAPE_ADDRESSES = new ReceiverUrlPolicy(Set.of("localhost"),
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "::1/128",
                    "fc00::/7").stream().map(Cidr::parse).toList());

    private UserScrapeTargets() {
    }

    /**
     * The job, checked and with defaults filled in.
     *
     * @param reservedNames the jobs of the platform itself, which a user's job may not impersonate
     * @throws InvalidScrapeTargetException naming the field and what is wrong with it
     */
    public static UserScrapeTarget validated(String name, List<String> targets, Map<String, String> labels,
            String metricsPath, String scheme, Set<String> reservedNames) {
        return validated(name, targets, labels, metricsPath, scheme, "", "", reservedNames);
    }

    /**
     * The job, checked and with defaults filled in: either fixed {@code targets} or an {@code httpSdUrl} read every
     * {@code httpSdRefresh} (a Prometheus duration; empty: {@link #DEFAULT_REFRESH}).
     *
     * @throws InvalidScrapeTargetException naming the field and what is wrong with it
     */
    public static UserScrapeTarget validated(String name, List<String> targets, Map<String, String> labels,
            String metricsPath, String scheme, String httpSdUrl, String httpSdRefresh, Set<String> reservedNames) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid("name", name, "must be 1 to 63 letters, digits, '_', '.' or '-', starting with a letter "
                    + "or '_'");
        }
        if (reservedNames.contains(name)) {
            throw invalid("name", name, "is the job of one of the platform's own components");
        }
        String checkedScheme = scheme == null || scheme.isEmpty() ? "http" : scheme;
        if (!checkedScheme.equals("http") && !checkedScheme.equals("https")) {
            throw invalid("scheme", scheme, "must be http or https");
        }
        String path = metricsPath == null || metricsPath.isEmpty() ? DEFAULT_METRICS_PATH : metricsPath;
        if (!path.startsWith("/") || path.length() > MAX_PATH || path.contains("?") || path.contains("#")
                || hasControlCharacter(path)) {
            throw invalid("metricsPath", path, "must start with '/', hold at most " + MAX_PATH
                    + " characters and no query, fragment or control character");
        }
        Optional<UserScrapeTarget.HttpSd> httpSd = Optional.empty();
        boolean discovered = httpSdUrl != null && !httpSdUrl.isEmpty();
        if (discovered) {
            if (targets != null && !targets.isEmpty()) {
                throw new InvalidScrapeTargetException("targets: give either targets or httpSdUrl, not both");
            }
            httpSd = Optional.of(new UserScrapeTarget.HttpSd(discoveryUrl(httpSdUrl), refresh(httpSdRefresh)));
        } else if (httpSdRefresh != null && !httpSdRefresh.isEmpty()) {
            throw invalid("httpSdRefreshInterval", httpSdRefresh, "is for a job with httpSdUrl");
        } else {
            checkTargets(targets, checkedScheme);
        }
        Map<String, String> checkedLabels = new LinkedHashMap<>();
        if (labels != null) {
            if (labels.size() > MAX_LABELS) {
                throw new InvalidScrapeTargetException("labels: at most " + MAX_LABELS + " labels");
            }
            labels.forEach((label, value) -> {
                checkLabel(label, value);
                checkedLabels.put(label, value);
            });
        }
        return new UserScrapeTarget(name, discovered ? List.of() : targets, checkedLabels, path, checkedScheme, httpSd);
    }

    /** The policy every address a job's scrapes or discovery reach must pass. */
    public static ReceiverUrlPolicy addressPolicy() {
        return SCRAPE_ADDRESSES;
    }

    /**
     * Addresses an HTTP discovery document lists, checked like fixed targets.
     *
     * @throws InvalidScrapeTargetException naming the group and target
     */
    public static void checkDiscoveredAddress(String field, String address, String scheme) {
        checkAddress(field, address, scheme);
    }

    /**
     * A label a discovery document gives a group, checked like a job's label.
     *
     * @throws InvalidScrapeTargetException naming the label
     */
    public static void checkDiscoveredLabel(String field, String label, String value) {
        try {
            checkLabel(label, value);
        } catch (InvalidScrapeTargetException e) {
            throw new InvalidScrapeTargetException(field + ": " + e.getMessage());
        }
    }

    private static void checkTargets(List<String> targets, String scheme) {
        if (targets == null || targets.isEmpty() || targets.size() > MAX_TARGETS) {
            throw new InvalidScrapeTargetException("targets: give 1 to " + MAX_TARGETS
                    + " addresses (host:port), or an httpSdUrl");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            String address = targets.get(i);
            checkAddress("targets[" + i + "]", address, scheme);
            if (!seen.add(address)) {
                throw invalid("targets[" + i + "]", address, "is listed twice");
            }
        }
    }

    private static URI discoveryUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("httpSdUrl", url, "is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (url.length() > MAX_URL || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null || hasControlCharacter(url)) {
            throw invalid("httpSdUrl", url, "must be an http or https URL with a host, without credentials or "
                    + "fragment, at most " + MAX_URL + " characters");
        }
        try {
            SCRAPE_ADDRESSES.checkUrl(uri);
        } catch (UnsafeUrlException e) {
            throw invalid("httpSdUrl", url, "may not be read: " + e.getMessage());
        }
        return uri;
    }

    private static Duration refresh(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_REFRESH;
        }
        Duration refresh;
        try {
            refresh = Duration.ofMillis(Durations.parseMillis(text));
        } catch (RuntimeException e) {
            throw invalid("httpSdRefreshInterval", text, "is not a duration such as 30s or 1m");
        }
        if (refresh.compareTo(MIN_REFRESH) < 0 || refresh.compareTo(MAX_REFRESH) > 0) {
            throw invalid("httpSdRefreshInterval", text, "must be from 5s to 1h");
        }
        return refresh;
    }

    private static void checkAddress(String field, String address, String scheme) {
        var matcher = address == null ? null : ADDRESS.matcher(address);
        if (matcher == null || !matcher.matches()) {
            throw invalid(field, address, "must be host:port (an IPv6 address in brackets)");
        }
        int port = Integer.parseInt(matcher.group("port"));
        if (port < 1 || port > 65535) {
            throw invalid(field, address, "has a port outside 1-65535");
        }
        try {
            SCRAPE_ADDRESSES.checkUrl(new URI(scheme + "://" + address + "/"));
        } catch (URISyntaxException e) {
            throw invalid(field, address, "is not a host name or address: " + e.getReason());
        } catch (UnsafeUrlException e) {
            throw invalid(field, address, "may not be scraped: " + e.getMessage());
        }
    }

    private static void checkLabel(String label, String value) {
        if (label == null || !LABEL_NAME.matcher(label).matches()) {
            throw invalid("labels", label, "is not a label name ([A-Za-z_][A-Za-z0-9_]*, at most 128 characters)");
        }
        if (label.startsWith("__") || label.equals("job") || label.equals("instance")) {
            throw invalid("labels", label, "is set by the platform and the store ('__' names, job, instance)");
        }
        if (value == null || value.length() > MAX_LABEL_VALUE || hasControlCharacter(value)) {
            throw invalid("labels." + label, value, "must be at most " + MAX_LABEL_VALUE
                    + " characters with no control character");
        }
    }

    private static boolean hasControlCharacter(String text) {
        return text.codePoints().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static InvalidScrapeTargetException invalid(String field, String value, String why) {
        String shown = value == null ? "(none)" : "'" + PrintableText.of(value, 100) + "'";
        return new InvalidScrapeTargetException(field + " " + shown + " " + why);
    }
}
