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
 * "4", or Slack's incoming-webhook message) and posts it through a {@link GuardedHttpClient}, one attempt per
 * call. A network error, a server error or 429 may be tried again with exponential back-off (as Alertmanager
 * does), up to a number of attempts; a refusal (any other 4xx) or a forbidden target is final at once.
 */
public final class NotificationSender {

    /** One attempt, as the notification history keeps it. */
    public record Attempt(Notification notification, int attempt, String payloadDigest, boolean success,
            Optional<Integer> httpStatus, Duration latency, Optional<String> error, Instant at, boolean last) {
    }

    private final GuardedHttpClient poster;
    private final String externalUrl;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;

    public NotificationSender(GuardedHttpClient poster, String externalUrl, int maxAttempts, Duration initialBackoff,
            Duration maxBackoff, Clock clock) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.poster = poster;
        this.externalUrl = externalUrl;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
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

    /**
     * Makes attempt number {@code attempt} (from 1) to deliver {@code notification}; {@link Attempt#last} says
     * whether the attempt limit or the kind of failure rules out another. The caller waits {@link #backoff} before
     * the next one, without holding a delivery thread.
     */
    public Attempt attempt(Notification notification, Receiver receiver, int attempt) {
        Request request = request(notification, receiver);
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        String digest = Sha256.hex(request.body());
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
                return new Attempt(notification, attempt, digest, true, status,
                        Duration.ofNanos(System.nanoTime() - startNanos), Optional.empty(), started, true);
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
        return new Attempt(notification, attempt, digest, false, status,
                Duration.ofNanos(System.nanoTime() - startNanos), error, started, last);
    }

    /** The wait after failed attempt number {@code attempt}: the initial back-off, doubled each time, capped. */
    public Duration backoff(int attempt) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < attempt && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
