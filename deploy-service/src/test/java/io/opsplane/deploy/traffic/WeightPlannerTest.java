package io.opsplane.deploy.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeightPlannerTest {

    private static List<TrackServer> servers(String track, int count, int unhealthy) {
        List<TrackServer> servers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            servers.add(new TrackServer(track + "-" + i, "127.0.0.1", 20000 + i, i >= unhealthy));
        }
        return servers;
    }

    private static Map<String, List<TrackServer>> tracks(int stableServers, int canaryServers, int unhealthyCanaries) {
        Map<String, List<TrackServer>> tracks = new LinkedHashMap<>();
        tracks.put("stable", servers("stable", stableServers, 0));
        tracks.put("canary", servers("canary", canaryServers, unhealthyCanaries));
        return tracks;
    }

    private static Map<String, Integer> split(int canary) {
        Map<String, Integer> percent = new LinkedHashMap<>();
        percent.put("stable", 100 - canary);
        percent.put("canary", canary);
        return percent;
    }

    @ParameterizedTest(name = "canary {0} % over {1} stable and {2} canary servers ({3} unhealthy)")
    @CsvSource({
            "0, 3, 2, 0", "1, 3, 5, 0", "10, 3, 2, 0", "25, 2, 2, 0", "33, 7, 3, 0", "50, 1, 1, 0",
            "75, 4, 4, 1", "99, 5, 3, 2", "100, 3, 3, 0", "10, 10, 10, 0", "67, 3, 7, 6",
    })
    void eachTrackGetsItsShareWithinOneUnitAndTheUnitsAddUp(int canary, int stableServers, int canaryServers, int unhealthy) {
        List<DesiredServer> plan = WeightPlanner.plan(split(canary), tracks(stableServers, canaryServers, unhealthy));

        Map<String, Integer> unitsByTrack = plan.stream().collect(Collectors.groupingBy(
                server -> server.name().substring(0, server.name().indexOf('-')), Collectors.summingInt(DesiredServer::weight)));
        int total = unitsByTrack.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(HaproxyCommands.MAX_WEIGHT, total);
        double canaryShare = 100.0 * unitsByTrack.get("canary") / total;
        assertTrue(Math.abs(canaryShare - canary) <= 100.0 / HaproxyCommands.MAX_WEIGHT, "canary share " + canaryShare);

        for (DesiredServer server : plan) {
            assertTrue(server.weight() >= 0 && server.weight() <= HaproxyCommands.MAX_WEIGHT);
            boolean unhealthyCanary = server.name().startsWith("canary-")
                    && Integer.parseInt(server.name().substring(7)) < unhealthy;
            if (unhealthyCanary) {
                assertEquals(0, server.weight(), server.name());
                assertEquals(ServerState.DRAIN, server.state(), server.name());
            }
        }
        List<Integer> canaryWeights = plan.stream().filter(server -> server.name().startsWith("canary-") && server.weight() > 0)
                .map(DesiredServer::weight).toList();
        if (!canaryWeights.isEmpty()) {
            int spread = canaryWeights.stream().mapToInt(Integer::intValue).max().getAsInt()
                    - canaryWeights.stream().mapToInt(Integer::intValue).min().getAsInt();
            assertTrue(spread <= 1, "healthy servers of a track share evenly: " + canaryWeights);
        }
    }

    @Test
    void aQuarterToTheCanaryOverTwoServersEach() {
        List<DesiredServer> plan = WeightPlanner.plan(split(25), tracks(2, 2, 0));
        assertEquals(List.of(96, 96, 32, 32), plan.stream().map(DesiredServer::weight).toList());
        assertTrue(plan.stream().allMatch(server -> server.state() == ServerState.READY));
    }

    @ParameterizedTest
    @CsvSource({"150, -50, weights.stable", "-10, 110, weights.stable", "50, 150, weights.canary", "60, 60, weights"})
    void refusesPercentagesOutOfRange(int stable, int canary, String field) {
        Map<String, Integer> percent = new LinkedHashMap<>();
        percent.put("stable", stable);
        percent.put("canary", canary);
        assertEquals(field, assertThrows(InvalidFieldException.class, () -> WeightPlanner.plan(percent, tracks(1, 1, 0))).field());
    }

    @Test
    void refusesTrafficForATrackWithNoHealthyServer() {
        assertEquals("weights.canary", assertThrows(InvalidFieldException.class,
                () -> WeightPlanner.plan(split(10), tracks(2, 2, 2))).field());
        assertEquals("weights.canary", assertThrows(InvalidFieldException.class,
                () -> WeightPlanner.plan(split(10), Map.of("stable", servers("stable", 2, 0)))).field());
    }
}
