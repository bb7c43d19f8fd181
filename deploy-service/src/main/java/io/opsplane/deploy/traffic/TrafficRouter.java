package io.opsplane.deploy.traffic;

import java.util.List;
import java.util.Map;

/**
 * What a rollout needs from a load balancer: share a backend's traffic between tracks and report
 * how its servers stand. HAProxy is the implementation that runs here; a Kubernetes Gateway API
 * {@code HTTPRoute} with weighted backend references would be the one at scale.
 */
public interface TrafficRouter {

    /**
     * Brings the backend to the split, for example {@code stable=90, canary=10}; idempotent, so
     * calling it again after the router restarted restores the split, or finishes removing servers
     * that were still draining.
     */
    SplitOutcome applySplit(String backend, Map<String, Integer> percentByTrack, Map<String, List<TrackServer>> serversByTrack);

    /** The backend's servers as the router reports them now. */
    List<ServerStats> servers(String backend);
}
