package io.opsplane.observability.discovery;

import io.opsplane.platform.manifest.PlatformManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import io.opsplane.platform.text.PrintableText;

/**
 * The scrape targets of the platform itself, in the shape of Prometheus's HTTP service discovery: one
 * group per component of {@code platform.manifest} (its HTTP port plus the platform's port offset) and
 * one per job runner (from {@code runnerHttpPort} on). Each group names the component in the labels
 * {@code job}, {@code service} and {@code component}, and its metrics path ({@code /q/metrics}) in
 * {@code __metrics_path__}, so the store's scrape configuration needs nothing per component.
 *
 * <p>The host is the same for every target ({@code 127.0.0.1} on one machine), or, where each component
 * has a host name of its own (docker-compose), the template {@value #COMPONENT_PLACEHOLDER} is replaced by
 * the component's name.
 */
public final class ScrapeTargets {

    public static final String COMPONENT_PLACEHOLDER = "{component}";
    public static final String METRICS_PATH = "/q/metrics";
    /** How many runners one platform may list: far more than one machine runs, few enough to stay a bounded answer. */
    public static final int MAX_RUNNERS = 1000;

    /** One target group: the addresses ({@code host:port}) and the labels they share. */
    public record TargetGroup(List<String> targets, Map<String, String> labels) {
        public TargetGroup {
            targets = List.copyOf(targets);
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    /** A host name (RFC 1123 labels), an IPv4 address, or an IPv6 address in brackets. */
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]+\\]");

    private ScrapeTargets() {
    }

    /**
     * The groups of every component and runner.
     *
     * @param components     the platform's components, in manifest order
     * @param host           the host of every target, or a template holding {@value #COMPONENT_PLACEHOLDER}
     * @param portOffset     added to every port (the launcher's {@code OPSPLANE_PORT_OFFSET})
     * @param runners        how many job runners run ({@code runner-1} ... {@code runner-N})
     * @param runnerHttpPort the HTTP port of {@code runner-1}, before the offset; the others follow it
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static List<TargetGroup> of(List<PlatformManifest.Component> components, String host, int portOffset,
            int runners, int runnerHttpPort) {
        checkHost(host);
        if (portOffset < 0 || portOffset > 65535) {
            throw new IllegalArgumentException("the port offset must be between 0 and 65535, not " + portOffset);
        }
        if (runners < 0 || runners > MAX_RUNNERS) {
            throw new IllegalArgumentException("the number of runners must be between 0 and " + MAX_RUNNERS
                    + ", not " + runners);
        }
        List<TargetGroup> groups = new ArrayList<>();
        for (PlatformManifest.Component component : components) {
            String name = component.name();
            groups.add(group(hostOf(host, name), port(name, component.httpPort(), portOffset),
                    labels(name, name, name)));
        }
        for (int i = 1; i <= runners; i++) {
            String name = "runner-" + i;
            groups.add(group(hostOf(host, name), port(name, runnerHttpPort + i - 1, portOffset),
                    labels("runner", "runner", name)));
        }
        return List.copyOf(groups);
    }

    private static TargetGroup group(String host, int port, Map<String, String> labels) {
        return new TargetGroup(List.of(host + ":" + port), labels);
    }

    private static Map<String, String> labels(String job, String service, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__metrics_path__", METRICS_PATH);
        labels.put("job", job);
        labels.put("service", service);
        labels.put("component", component);
        return labels;
    }

    private static int port(String component, int base, int offset) {
        int port = base + offset;
        if (base < 1 || port > 65535) {
            throw new IllegalArgumentException("the HTTP port of " + component + " (" + base + " + offset " + offset
                    + ") is not between 1 and 65535");
        }
        return port;
    }

    /** The host of {@code component}: the template with {@value #COMPONENT_PLACEHOLDER} replaced by its name. */
    public static String hostOf(String template, String component) {
        return template.replace(COMPONENT_PLACEHOLDER, component);
    }

    private static void checkHost(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the discovery host is empty: name a host, an address or "
                    + COMPONENT_PLACEHOLDER);
        }
        String withoutPlaceholder = host.replace(COMPONENT_PLACEHOLDER, "x");
        if (!HOST.matcher(withoutPlaceholder).matches() || host.length() > 253) {
            throw new IllegalArgumentException("the discovery host '" + PrintableText.of(host, 100)
                    + "' is not a host name, an IPv4 address, an IPv6 address in brackets, or a template with "
                    + COMPONENT_PLACEHOLDER);
        }
    }
}
