package io.opsplane.deploy.traffic;

import java.util.List;

/**
 * What applying a split achieved. The weights always take effect; a server leaving the backend
 * may still finish requests it was serving ({@code draining}): it gets no new ones, and the next
 * call with the same split removes it once it is idle.
 */
public record SplitOutcome(List<String> draining) {

    public SplitOutcome {
        draining = List.copyOf(draining);
    }

    public boolean complete() {
        return draining.isEmpty();
    }
}
