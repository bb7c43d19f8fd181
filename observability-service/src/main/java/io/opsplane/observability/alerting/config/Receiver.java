package io.opsplane.observability.alerting.config;

import java.util.List;

/** A named receiver and the notifiers it sends to. */
public record Receiver(String name, List<WebhookConfig> webhooks, List<SlackConfig> slacks) {

    public Receiver {
        webhooks = List.copyOf(webhooks);
        slacks = List.copyOf(slacks);
    }
}
