package io.opsplane.observability.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The alert manager's runtime settings ({@code opsplane.alertmanager.*}). */
@ConfigMapping(prefix = "opsplane.alertmanager")
public interface AlertManagerSettings {

    /** The URL notifications link back to (Alertmanager's {@code --web.external-url}). */
    @WithDefault("http://127.0.0.1:8080")
    String externalUrl();

    /**
     * Receiver hosts (exact names) the operator admits although they resolve to loopback, private or link-local
     * addresses; everything else must be public.
     */
    Optional<List<String>> allowedHosts();

    /** Networks (CIDR) receivers may reach although they are not public. */
    Optional<List<String>> allowedNetworks();

    /** Attempts per notification before it is given up until the group's next flush. */
    @WithDefault("4")
    int deliveryAttempts();

    @WithDefault("500ms")
    Duration deliveryBackoff();

    @WithDefault("10s")
    Duration deliveryMaxBackoff();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("10s")
    Duration readTimeout();

    /** How far back an AlertFiring event looks for changes on the alert's application and environment. */
    @WithDefault("2h")
    Duration recentChangesWindow();

    /** How long a resolved alert is kept (listed, and merged with a late re-send) before it is forgotten. */
    @WithDefault("2h")
    Duration resolvedRetention();

    /** Threads sending notifications. */
    @WithDefault("4")
    int deliveryThreads();
}
