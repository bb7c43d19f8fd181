package io.opsplane.deploy.traffic;

/**
 * One server's line of {@code show stat}: its check status as HAProxy words it ({@code UP},
 * {@code DOWN 1/3}, {@code MAINT}, {@code DRAIN}, {@code no check}), its effective weight and the
 * sessions it still serves, which must reach 0 before a drained server can be deleted.
 */
public record ServerStats(String backend, String server, String status, int weight, int currentSessions) {

    public boolean isUp() {
        return status.startsWith("UP") || status.equals("no check");
    }
}
