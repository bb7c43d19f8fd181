package io.opsplane.observability.alerting.delivery;

import io.opsplane.observability.alerting.config.Receiver;
import io.opsplane.observability.alerting.config.SlackConfig;
import io.opsplane.observability.alerting.config.WebhookConfig;
import io.opsplane.observability.alerting.dispatch.Integration;
import io.opsplane.observability.alerting.dispatch.Notification;
import io.opsplane.observability.egress.GuardedHttpClient;
import io.opsplane.observability.alerting.notify.SlackPayload;
import io.opsplane.observability.alerting.notify.WebhookPayload;
import io.opsplane.platform.crypto.Sha256;
import io.opsplane.platform.egress.UnsafeUrlException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends one notification to one integration of a receiver: builds Alertmanager's body for it (webhook version
 * "4", or Slack's incoming-webhook message), posts it through a {@link GuardedHttpClient}, and tries again with
 * exponential back-off after a network error, a server error or 429 (as Alertmanager does), up to a number of
 * attempts. A refusal (any other 4xx) or a forbidden target is final at once. Every attempt is reported.
 */
public final class NotificationSender {

    /** One attempt, as the notification history keeps it. */
    public record Attempt(Notification notification, int attempt, String payloadDigest, boolean success,
            Optional<Integer> httpStatus, Duration latency, Optional<String> error, Instant at, boolean last) {
    }

    @FunctionalInterface
    public interface AttemptLog {
        void record(Attempt attempt);
    }

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final GuardedHttpClient poster;
    private final String externalUrl;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Sleeper sleeper;

    public NotificationSender(GuardedHttpClient poster, String externalUrl, int maxAttempts, Duration initialBackoff,
            Duration maxBackoff, Clock clock, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.poster = poster;
        this.externalUrl = externalUrl;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The body and where it goes, for {@code notification}'s integration of {@code receiver}. */
    public record Request(URI url, String body, boolean followRedirects) {
    }

    public Request request(Notification notification, Receiver receiver) {
        Integration integration = notification.integration();
        if (integration.kind().equals("webhook")) {
            WebhookConfig webhook = receiver.webhooks().get(integration.index());
            return new Request(webhook.url(), WebhookPayload.of(notification, webhook.maxAlerts(), externalUrl),
                    webhook.httpConfig().followRedirects());
        }
        SlackConfig slack = receiver.slacks().get(integration.index());
        return new Request(slack.apiUrl(), SlackPayload.of(notification, slack, externalUrl),
                slack.httpConfig().followRedirects());
    }

    /** Delivers with retries; true once the receiver took it. */
    public boolean deliver(Notification notification, Receiver receiver, AttemptLog log) throws InterruptedException {
        Request request = request(notification, receiver);
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        String digest = Sha256.hex(request.body());
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            Instant started = clock.instant();
            long startNanos = System.nanoTime();
            Optional<Integer> status = Optional.empty();
            Optional<String> error;
            boolean retryable;
            try {
                GuardedHttpClient.Response response = poster.post(request.url(), "application/json", body,
                        request.followRedirects());
                status = Optional.of(response.status());
                if (response.success()) {
                    log.record(new Attempt(notification, attempt, digest, true, status,
                            Duration.ofNanos(System.nanoTime() - startNanos), Optional.empty(), started, true));
                    return true;
                }
                error = Optional.of("unexpected status code " + response.status()
                        + (response.bodySnippet().isEmpty() ? "" : ": " + response.bodySnippet()));
                retryable = response.retryable();
            } catch (UnsafeUrlException e) {
                error = Optional.of("refused target: " + e.getMessage());
                retryable = false;
            } catch (IOException e) {
                error = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
                retryable = true;
            }
            boolean last = !retryable || attempt >= maxAttempts;
            log.record(new Attempt(notification, attempt, digest, false, status,
                    Duration.ofNanos(System.nanoTime() - startNanos), error, started, last));
            if (last) {
                return false;
            }
            sleeper.sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }
}
