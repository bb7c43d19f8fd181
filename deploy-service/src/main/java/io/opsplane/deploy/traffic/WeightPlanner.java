package io.opsplane.deploy.traffic;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns track percentages into HAProxy server weights. HAProxy shares traffic in proportion to
 * weights, so the backend's {@value HaproxyCommands#MAX_WEIGHT} units are handed out by largest
 * remainder: first to tracks, then within a track to its healthy servers. Each track then gets
 * its share within one unit (under 0.4 %), and the units always add up to the whole.
 */
public final class WeightPlanner {

    private WeightPlanner() {
    }

    /**
     * @param percentByTrack percent per track, adding up to 100
     * @param serversByTrack the servers of each track; unhealthy ones get weight 0 and are drained
     */
    public static List<DesiredServer> plan(Map<String, Integer> percentByTrack, Map<String, List<TrackServer>> serversByTrack) {
        int total = 0;
        for (var entry : percentByTrack.entrySet()) {
            InvalidFieldException.requireRange("weights." + entry.getKey(), entry.getValue(), 0, 100);
            total += entry.getValue();
        }
        if (total != 100) {
            throw new InvalidFieldException("weights", "must add up to 100, were " + total);
        }
        Map<String, Integer> unitsByTrack = largestRemainder(percentByTrack, HaproxyCommands.MAX_WEIGHT, 100);
        List<DesiredServer> desired = new ArrayList<>();
        for (var track : serversByTrack.entrySet()) {
            int units = unitsByTrack.getOrDefault(track.getKey(), 0);
            List<TrackServer> healthy = track.getValue().stream().filter(TrackServer::healthy).toList();
            if (units > 0 && healthy.isEmpty()) {
                throw new InvalidFieldException("weights." + track.getKey(),
                        "has " + percentByTrack.get(track.getKey()) + " % but no healthy server to carry it");
            }
            Map<String, Integer> equalShares = new LinkedHashMap<>();
            healthy.forEach(server -> equalShares.put(server.name(), 1));
            Map<String, Integer> unitsByServer = healthy.isEmpty() ? Map.of()
                    : largestRemainder(equalShares, units, healthy.size());
            for (TrackServer server : track.getValue()) {
                int weight = unitsByServer.getOrDefault(server.name(), 0);
                desired.add(new DesiredServer(server.name(), server.ipv4(), server.port(), weight,
                        server.healthy() && weight > 0 ? ServerState.READY : ServerState.DRAIN));
            }
        }
        for (String track : percentByTrack.keySet()) {
            if (unitsByTrack.get(track) > 0 && !serversByTrack.containsKey(track)) {
                throw new InvalidFieldException("weights." + track, "names a track without servers");
            }
        }
        return desired;
    }

    /** Splits {@code units} in proportion to shares that add up to {@code shareTotal}; ties go in key order. */
    private static Map<String, Integer> largestRemainder(Map<String, Integer> shares, int units, int shareTotal) {
        Map<String, Integer> result = new LinkedHashMap<>();
        List<Map.Entry<String, Long>> remainders = new ArrayList<>();
        int handedOut = 0;
        for (var share : shares.entrySet()) {
            long exact = (long) share.getValue() * units;
            int floor = (int) (exact / shareTotal);
            result.put(share.getKey(), floor);
            remainders.add(Map.entry(share.getKey(), exact % shareTotal));
            handedOut += floor;
        }
        remainders.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        for (int i = 0; i < units - handedOut; i++) {
            result.merge(remainders.get(i).getKey(), 1, Integer::sum);
        }
        return result;
    }
}
