package io.opsplane.observability.alerting.runtime;

import io.opsplane.observability.alerting.delivery.DeliveryQueue;
import io.opsplane.observability.alerting.delivery.NotificationSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The delivery threads: each takes a job from the {@link DeliveryQueue} (which keeps a dead receiver from holding
 * more than its lane's share of them), makes one attempt, and hands the job back with the back-off before the next
 * attempt, if one may follow. Threads with nothing to do wait until the queue has a job ready.
 */
final class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class);

    /** Records an attempt; {@code last}: the notification is not tried again (delivered, given up or replaced). */
    @FunctionalInterface
    interface Recorder {
        void record(Delivery delivery, NotificationSender.Attempt attempt);
    }

    private final DeliveryQueue<Delivery> queue;
    private final NotificationSender sender;
    private final Clock clock;
    private final Recorder recorder;
    private final ExecutorService threads;
    private final int threadCount;
    // Guarded by queue: whether the last offer was refused, so that a full queue is logged once per episode.
    private boolean full;

    DeliveryWorkers(NotificationSender sender, Clock clock, int threadCount, int laneLimit, int capacity,
            Recorder recorder) {
        this.queue = new DeliveryQueue<>(laneLimit, capacity, Delivery::covers);
        this.sender = sender;
        this.clock = clock;
        this.recorder = recorder;
        this.threadCount = threadCount;
        this.threads = Executors.newFixedThreadPool(threadCount, runnable -> {
            Thread thread = new Thread(runnable, "alertmanager-delivery");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        for (int i = 0; i < threadCount; i++) {
            threads.execute(this::work);
        }
    }

    void stop() {
        threads.shutdownNow();
    }

    /** Queues {@code delivery}, coalesced with the one of the same key that waits; refused when the queue is full. */
    void offer(Delivery delivery) {
        synchronized (queue) {
            DeliveryQueue.Offer offer = queue.offer(delivery.key(), delivery.lane(), delivery, clock.instant());
            if (offer == DeliveryQueue.Offer.REFUSED) {
                if (!full) {
                    LOG.warnf("the delivery queue is full (%d notifications waiting, %d refused so far): notification"
                            + " for %s to %s/%s refused; refused notifications are tried again at their group's next"
                            + " flush", queue.size(), queue.refused(), delivery.notification().groupKey(),
                            delivery.notification().integration().receiver(),
                            delivery.notification().integration().name());
                }
                full = true;
            } else {
                full = false;
                queue.notifyAll();
            }
        }
    }

    /** Drops the waiting deliveries that pass {@code test}; one under way is not tried again. */
    void cancel(Predicate<Delivery> test) {
        synchronized (queue) {
            queue.cancel(test);
        }
    }

    /** Notifications waiting, under way or waiting for a retry. */
    int backlog() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Notifications refused because the queue was full. */
    long refused() {
        synchronized (queue) {
            return queue.refused();
        }
    }

    private void work() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                DeliveryQueue.Job<Delivery> job = next();
                NotificationSender.Attempt attempt;
                try {
                    attempt = sender.attempt(job.payload().notification(), job.payload().receiver(), job.attempt());
                } catch (RuntimeException e) {
                    LOG.error("a notification could not be attempted", e);
                    synchronized (queue) {
                        queue.done(job, false, Optional.empty(), clock.instant());
                        queue.notifyAll();
                    }
                    continue;
                }
                boolean retryable = !attempt.success() && !attempt.last();
                boolean again;
                synchronized (queue) {
                    again = queue.wouldRetry(job, attempt.success(), retryable);
                }
                // Recorded before the job is done, so that a flush meanwhile cannot queue it again.
                try {
                    recorder.record(job.payload(), new NotificationSender.Attempt(attempt.notification(),
                            attempt.attempt(), attempt.payloadDigest(), attempt.success(), attempt.httpStatus(),
                            attempt.latency(), attempt.error(), attempt.at(), !again));
                } catch (RuntimeException e) {
                    LOG.error("a notification attempt could not be recorded", e);
                }
                synchronized (queue) {
                    queue.done(job, attempt.success(),
                            retryable ? Optional.of(sender.backoff(job.attempt())) : Optional.empty(),
                            clock.instant());
                    queue.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DeliveryQueue.Job<Delivery> next() throws InterruptedException {
        synchronized (queue) {
            while (true) {
                Instant now = clock.instant();
                Optional<DeliveryQueue.Job<Delivery>> job = queue.take(now);
                if (job.isPresent()) {
                    return job.get();
                }
                Optional<Instant> ready = queue.nextReady();
                queue.wait(ready.map(at -> Math.max(1, Duration.between(now, at).toMillis())).orElse(0L));
            }
        }
    }
}
