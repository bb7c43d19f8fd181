package io.opsplane.platform.events;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kafka topic names: {@code <prefix>.<domain>.events} and {@code <prefix>.<domain>.dead-letter}. The
 * prefix is {@code opsplane} on a platform; tests use one of their own so they never write into the
 * topics of a platform that runs on the same broker.
 */
public record Topics(String prefix) {

    private static final Pattern PREFIX = Pattern.compile("^[a-z0-9][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*)*$");
    private static final String EVENTS = ".events";
    private static final String DEAD_LETTER = ".dead-letter";
    public static final Topics DEFAULT = new Topics("opsplane");

    public Topics {
        if (prefix == null || prefix.length() > 100 || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("topic prefix must be dot-separated lower-case words, got '" + prefix + "'");
        }
    }

    public String events(String domain) {
        return prefix + "." + domain + EVENTS;
    }

    public String deadLetter(String domain) {
        return prefix + "." + domain + DEAD_LETTER;
    }

    /** The domain whose events topic this is; empty for any other topic. */
    public Optional<String> domainOfEvents(String topic) {
        String head = prefix + ".";
        if (topic == null || !topic.startsWith(head) || !topic.endsWith(EVENTS)) {
            return Optional.empty();
        }
        String domain = topic.substring(head.length(), topic.length() - EVENTS.length());
        return EventCatalog.DOMAINS.contains(domain) ? Optional.of(domain) : Optional.empty();
    }

    /** The CloudEvents source of the one component allowed to write a domain's topic (from the manifest). */
    public static String ownerSource(String domain) {
        return "opsplane/" + Owners.BY_DOMAIN.getOrDefault(domain, domain + "-service");
    }

    /** Domain → owning component, read once from the platform manifest. */
    private static final class Owners {
        static final java.util.Map<String, String> BY_DOMAIN = load();

        private static java.util.Map<String, String> load() {
            java.util.Map<String, String> owners = new java.util.HashMap<>();
            io.opsplane.platform.manifest.PlatformManifest.load().components()
                    .forEach(c -> c.domain().ifPresent(domain -> owners.put(domain, c.name())));
            return java.util.Map.copyOf(owners);
        }
    }
}
