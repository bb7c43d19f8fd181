package io.opsplane.observability.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The evaluation of alerting and recording rules. */
@ConfigMapping(prefix = "opsplane.rules")
public interface RulesConfig {

    /** Whether this instance evaluates rule groups (it serves the rules API either way). */
    @WithDefault("true")
    boolean evaluate();

    /** The interval of groups that set none (Prometheus's evaluation_interval). */
    @WithDefault("1s")
    Duration defaultInterval();

    /** How often a firing alert is sent to the alert manager again (Prometheus's --rules.alert.resend-delay). */
    @WithDefault("1m")
    Duration resendDelay();

    /** How often an instance renews its heartbeat and re-reads rule files and live instances. */
    @WithDefault("1s")
    Duration syncInterval();

    /** How long an instance that stopped renewing its heartbeat keeps its groups before the others take them. */
    @WithDefault("5s")
    Duration heartbeatTtl();

    /** How many groups one instance evaluates at the same time. */
    @WithDefault("4")
    int threads();

    /**
     * Whether groups are evaluated right after the scrapes they read (their phases from the store's targets API)
     * instead of at the hash-spread offset Prometheus uses; a threshold crossed in a scrape is then seen at once.
     */
    @WithDefault("true")
    boolean alignWithScrapes();

    /** How long after a scrape's samples became visible an aligned group evaluates (room for jitter). */
    @WithDefault("25ms")
    Duration alignmentMargin();

    /** How often the scrape phases are read again and groups moved to them. */
    @WithDefault("5s")
    Duration alignmentRefresh();

    /** The base of alerts' generator URLs (Prometheus's --web.external-url); default: the metrics store's URL. */
    Optional<String> externalUrl();

    /** Labels added to every alert sent (Prometheus's external_labels); an alert's own label wins. */
    Map<String, String> externalLabels();
}
