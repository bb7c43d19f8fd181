package io.opsplane.deploy.traffic.haproxy;

import io.opsplane.deploy.traffic.BackendReconciler;
import io.opsplane.deploy.traffic.DesiredServer;
import io.opsplane.deploy.traffic.HaproxyNames;
import io.opsplane.deploy.traffic.ServerStats;
import io.opsplane.deploy.traffic.SplitOutcome;
import io.opsplane.deploy.traffic.TrackServer;
import io.opsplane.deploy.traffic.TrafficRouter;
import io.opsplane.deploy.traffic.WeightPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits traffic through a running HAProxy: plans the server weights, reads what HAProxy has,
 * and sends only the commands that close the difference. Reading before each change makes it
 * idempotent and lets it restore the split after HAProxy restarted with empty backends.
 */
public final class HaproxyTrafficRouter implements TrafficRouter {

    /** HAProxy 2.6's answer to {@code del server} while requests are still being served. */
    private static final String STILL_CONNECTED = "still has connections attached";

    private final HaproxyRuntimeApi api;

    public HaproxyTrafficRouter(HaproxyRuntimeApi api) {
        this.api = api;
    }

    @Override
    public synchronized SplitOutcome applySplit(String backend, Map<String, Integer> percentByTrack,
            Map<String, List<TrackServer>> serversByTrack) {
        HaproxyNames.name("backend", backend);
        List<DesiredServer> desired = WeightPlanner.plan(percentByTrack, serversByTrack);
        // Synchronized: two concurrent read-compare-write rounds on one backend would undo each other.
        List<String> commands = BackendReconciler.commands(backend, desired, api.serversState(backend));
        List<String> draining = new ArrayList<>();
        for (String command : commands) {
            try {
                api.apply(List.of(command));
            } catch (HaproxyCommandException refused) {
                // The server is already in maintenance and takes no new requests; it is deleted on a later call.
                if (!command.startsWith("del server ") || !refused.answer().contains(STILL_CONNECTED)) {
                    throw refused;
                }
                draining.add(command.substring(command.indexOf('/') + 1));
            }
        }
        return new SplitOutcome(draining);
    }

    @Override
    public List<ServerStats> servers(String backend) {
        return api.stats().stream().filter(server -> server.backend().equals(backend)).toList();
    }
}
