package io.opsplane.observability.alerting.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The delivery queue's rules, step by step. A queue holds at most 3 keys, one attempt per lane at a time; a
 * delivered notification covers a later one with the same text. Steps, separated by "|", each at a second:
 * {@code offer <key> <lane> <payload> <expected offer>}, {@code take <key:payload#attempt or ->},
 * {@code done <key> ok|retry|final <expected: again or ->} (retry: after a 10 s back-off),
 * {@code cancel <payload>}, {@code next <second or ->}, {@code size <n>}.
 */
class DeliveryQueueTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            first come first served                 ; 0 offer k1 A p1 QUEUED | 0 offer k2 B p2 QUEUED | 0 take k1:p1#1 | 0 take k2:p2#1 | 0 take -
            a busy lane does not hold up another    ; 0 offer k1 dead p1 QUEUED | 0 offer k2 dead p2 QUEUED | 0 offer k3 live p3 QUEUED | 0 take k1:p1#1 | 0 take k3:p3#1 | 0 take - | 0 done k3 ok - | 0 take - | 9 done k1 final - | 9 take k2:p2#1
            a retry waits in the queue, not on a thread ; 0 offer k1 A p1 QUEUED | 0 offer k2 B p2 QUEUED | 0 take k1:p1#1 | 0 done k1 retry again | 0 next 0 | 0 take k2:p2#1 | 0 next 10 | 9 take - | 10 take k1:p1#2 | 10 done k1 ok - | 10 size 1
            a later flush replaces a waiting one     ; 0 offer k1 A p1 QUEUED | 0 offer k1 A p2 COALESCED | 0 size 1 | 0 take k1:p2#1 | 0 take -
            a later flush replaces a retry and starts over ; 0 offer k1 A p1 QUEUED | 0 take k1:p1#1 | 0 done k1 retry again | 5 offer k1 A p2 COALESCED | 5 take k1:p2#1
            one under way: the later one waits behind it and the retry is dropped ; 0 offer k1 A p1 QUEUED | 0 take k1:p1#1 | 1 offer k1 A p2 COALESCED | 1 offer k1 A p3 COALESCED | 1 take - | 2 done k1 retry - | 2 take k1:p3#1 | 2 done k1 ok - | 2 size 0
            a delivered one covers a later one with the same text ; 0 offer k1 A p1 QUEUED | 0 take k1:p1#1 | 1 offer k1 A p1 COALESCED | 2 done k1 ok - | 2 size 0 | 2 take -
            a delivered one does not cover a different later one ; 0 offer k1 A p1 QUEUED | 0 take k1:p1#1 | 1 offer k1 A p2 COALESCED | 2 done k1 ok - | 2 take k1:p2#1
            a full queue refuses new keys but coalesces known ones ; 0 offer k1 A p1 QUEUED | 0 offer k2 A p2 QUEUED | 0 offer k3 A p3 QUEUED | 0 offer k4 B p4 REFUSED | 0 offer k2 A p5 COALESCED | 0 size 3 | 0 take k1:p1#1 | 0 done k1 final - | 0 offer k4 B p4 QUEUED
            giving up frees the key                 ; 0 offer k1 A p1 QUEUED | 0 take k1:p1#1 | 0 done k1 final - | 0 size 0 | 0 next -
            cancel drops waiting jobs and stops retries of one under way ; 0 offer k1 A old1 QUEUED | 0 offer k2 B old2 QUEUED | 0 offer k3 C new3 QUEUED | 0 take k1:old1#1 | 0 cancel old | 0 size 2 | 1 done k1 retry - | 1 size 1 | 1 take k3:new3#1
            """)
    void followsItsRules(String name, String steps) {
        DeliveryQueue<String> queue = new DeliveryQueue<>(1, 3, String::equals);
        Map<String, DeliveryQueue.Job<String>> taken = new HashMap<>();
        for (String step : steps.split("\\|")) {
            String[] parts = step.trim().split(" ");
            Instant now = T0.plusSeconds(Long.parseLong(parts[0]));
            String where = name + ": " + step.trim();
            switch (parts[1]) {
                case "offer" -> assertEquals(DeliveryQueue.Offer.valueOf(parts[5]),
                        queue.offer(parts[2], parts[3], parts[4], now), where);
                case "take" -> {
                    Optional<DeliveryQueue.Job<String>> job = queue.take(now);
                    job.ifPresent(each -> taken.put(each.key(), each));
                    assertEquals(parts[2], job.map(each -> each.key() + ":" + each.payload() + "#" + each.attempt())
                            .orElse("-"), where);
                }
                case "done" -> {
                    DeliveryQueue.Job<String> job = taken.remove(parts[2]);
                    boolean delivered = parts[3].equals("ok");
                    boolean retry = parts[3].equals("retry");
                    assertEquals(parts[4].equals("again"), queue.wouldRetry(job, delivered, retry), where);
                    assertEquals(parts[4].equals("again"), queue.done(job, delivered,
                            retry ? Optional.of(Duration.ofSeconds(10)) : Optional.empty(), now), where);
                }
                case "cancel" -> queue.cancel(payload -> payload.startsWith(parts[2]));
                case "next" -> assertEquals(parts[2], queue.nextReady()
                        .map(at -> String.valueOf(Duration.between(T0, at).toSeconds())).orElse("-"), where);
                case "size" -> assertEquals(Integer.parseInt(parts[2]), queue.size(), where);
                default -> throw new IllegalArgumentException(step);
            }
        }
    }
}
