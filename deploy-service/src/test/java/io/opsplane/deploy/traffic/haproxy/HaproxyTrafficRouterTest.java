package io.opsplane.deploy.traffic.haproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.deploy.process.LoopbackPorts;
import io.opsplane.deploy.process.ProcessLiveness;
import io.opsplane.deploy.traffic.ServerStats;
import io.opsplane.deploy.traffic.SplitOutcome;
import io.opsplane.deploy.traffic.TrackServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real HAProxy in front of two real HTTP servers, its weights changed through its runtime API. */
class HaproxyTrafficRouterTest {

    private static final String BACKEND = "web.staging";
    private static final int REQUESTS = 400;
    /** Percentage points the observed share may differ from the asked one. */
    private static final double TOLERANCE = 3.0;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path state;

    private TrackBackend stable;
    private TrackBackend canary;
    private int proxyPort;
    private HaproxyProcess haproxy;
    private final ProxyClient client = new ProxyClient();

    @BeforeEach
    void startBackendsAndHaproxy() throws Exception {
        stable = TrackBackend.answering("stable");
        canary = TrackBackend.answering("canary");
        proxyPort = LoopbackPorts.free();
        haproxy = startHaproxy();
    }

    @AfterEach
    void stopAll() {
        if (haproxy != null) {
            haproxy.close();
        }
        stable.close();
        canary.close();
    }

    @Test
    void requestsFollowTheWeightsAsTheyShift() throws Exception {
        HaproxyTrafficRouter router = new HaproxyTrafficRouter(haproxy.runtimeApi());
        int[][] splits = {{100, 0}, {90, 10}, {75, 25}, {50, 50}, {0, 100}};
        for (int[] split : splits) {
            router.applySplit(BACKEND, Map.of("stable", split[0], "canary", split[1]), servers());

            Map<String, Integer> answers = client.count(proxyPort, REQUESTS);

            assertEquals(REQUESTS, answers.getOrDefault("stable", 0) + answers.getOrDefault("canary", 0),
                    "every answer came from a track: " + answers);
            assertShare(split[1], answers.getOrDefault("canary", 0), answers);
        }
    }

    @Test
    void statsReportThePlannedWeights() {
        HaproxyTrafficRouter router = new HaproxyTrafficRouter(haproxy.runtimeApi());

        router.applySplit(BACKEND, Map.of("stable", 90, "canary", 10), servers());

        Map<String, ServerStats> byName = router.servers(BACKEND).stream()
                .collect(Collectors.toMap(ServerStats::server, stats -> stats));
        assertEquals(230, byName.get("stable-0").weight());
        assertEquals(26, byName.get("canary-0").weight());
        assertTrue(byName.values().stream().allMatch(ServerStats::isUp), byName.toString());
    }

    @Test
    void applyingTheSameSplitTwiceSendsNoCommand() {
        HaproxyTrafficRouter router = new HaproxyTrafficRouter(haproxy.runtimeApi());
        router.applySplit(BACKEND, Map.of("stable", 75, "canary", 25), servers());
        String before = haproxy.runtimeApi().execute("show servers state " + BACKEND);

        router.applySplit(BACKEND, Map.of("stable", 75, "canary", 25), servers());

        // srv_time_since_last_change would reset on any change; the whole state is unchanged.
        assertEquals(withoutTimes(before), withoutTimes(haproxy.runtimeApi().execute("show servers state " + BACKEND)));
    }

    @Test
    void theSplitIsRestoredAfterHaproxyRestarts() throws Exception {
        HaproxyTrafficRouter router = new HaproxyTrafficRouter(haproxy.runtimeApi());
        router.applySplit(BACKEND, Map.of("stable", 75, "canary", 25), servers());
        List<ProcessHandle> tree = processTree(haproxy);

        haproxy.stop(Duration.ofSeconds(5));
        assertTrue(tree.stream().noneMatch(ProcessLiveness::isRunning), "master and workers are gone");
        haproxy = startHaproxy();
        HaproxyTrafficRouter restarted = new HaproxyTrafficRouter(haproxy.runtimeApi());
        assertEquals(List.of(), restarted.servers(BACKEND), "run-time servers do not survive a restart");
        restarted.applySplit(BACKEND, Map.of("stable", 75, "canary", 25), servers());

        Map<String, Integer> answers = client.count(proxyPort, REQUESTS);
        assertShare(25, answers.getOrDefault("canary", 0), answers);
    }

    @Test
    void anUnhealthyCanaryIsDrainedAndGetsNothing() throws Exception {
        HaproxyTrafficRouter router = new HaproxyTrafficRouter(haproxy.runtimeApi());
        router.applySplit(BACKEND, Map.of("stable", 90, "canary", 10), servers());

        router.applySplit(BACKEND, Map.of("stable", 100, "canary", 0), Map.of(
                "stable", List.of(new TrackServer("stable-0", "127.0.0.1", stable.port(), true)),
                "canary", List.of(new TrackServer("canary-0", "127.0.0.1", canary.port(), false))));

        assertEquals(Map.of("stable", REQUESTS), client.count(proxyPort, REQUESTS));
        ServerStats canaryStats = router.servers(BACKEND).stream().filter(s -> s.server().equals("canary-0")).findFirst().orElseThrow();
        // "DRAIN 1/2" until its first health check passed: HAProxy shows a new server one failure away from down.
        assertTrue(canaryStats.status().startsWith("DRAIN"), canaryStats.status());
    }

    @Test
    void aServerLeavingWhileItServesFinishesItsRequestAndIsRemovedOnALaterCall() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TrackBackend slow = TrackBackend.answeringWhen("slow", arrived, release)) {
            HaproxyTrafficRouter router = new HaproxyTrafficRouter(haproxy.runtimeApi());
            Map<String, List<TrackServer>> both = Map.of(
                    "stable", List.of(new TrackServer("stable-0", "127.0.0.1", slow.port(), true)),
                    "canary", List.of(new TrackServer("canary-0", "127.0.0.1", canary.port(), true)));
            router.applySplit(BACKEND, Map.of("stable", 100, "canary", 0), both);
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(arrived.await(30, TimeUnit.SECONDS), "the request reached the server");
            Map<String, List<TrackServer>> canaryOnly = Map.of("canary", both.get("canary"));

            SplitOutcome leaving = router.applySplit(BACKEND, Map.of("canary", 100), canaryOnly);

            assertEquals(List.of("stable-0"), leaving.draining());
            assertEquals(Map.of("canary", 20), client.count(proxyPort, 20), "a draining server gets no new request");
            release.countDown();
            assertEquals("slow", inFlight.get(30, TimeUnit.SECONDS).body(), "the request it was serving is answered");
            SplitOutcome later = router.applySplit(BACKEND, Map.of("canary", 100), canaryOnly);
            for (int attempt = 0; !later.complete() && attempt < 200; attempt++) {
                // HAProxy detaches the finished connection a moment after the answer went out.
                Thread.sleep(25);
                later = router.applySplit(BACKEND, Map.of("canary", 100), canaryOnly);
            }
            assertTrue(later.complete(), later.toString());
            assertEquals(List.of("canary-0"), router.servers(BACKEND).stream().map(ServerStats::server).toList());
        }
    }

    @Test
    void aServerThatStopsAnsweringIsTakenOutByHaproxysHealthCheck() throws Exception {
        HaproxyTrafficRouter router = new HaproxyTrafficRouter(haproxy.runtimeApi());
        router.applySplit(BACKEND, Map.of("stable", 50, "canary", 50), servers());

        canary.close();

        String status = "";
        for (int attempt = 0; !status.equals("DOWN") && attempt < 600; attempt++) {
            // Two failed checks a second apart; this only bounds the wait.
            Thread.sleep(50);
            status = router.servers(BACKEND).stream().filter(s -> s.server().equals("canary-0")).findFirst().orElseThrow().status();
        }
        assertEquals("DOWN", status);
        assertEquals(Map.of("stable", REQUESTS), client.count(proxyPort, REQUESTS), "all requests go to the server that answers");
        assertFalse(haproxy.runtimeApi().serversState(BACKEND).stream().filter(s -> s.name().equals("canary-0")).findFirst()
                .orElseThrow().running(), "show servers state reports it as not running");
    }

    @Test
    void stoppingEndsMasterAndWorkers() {
        List<ProcessHandle> tree = processTree(haproxy);
        assertTrue(tree.size() >= 2, "master-worker mode runs a master and at least one worker: " + tree);

        haproxy.stop(Duration.ofSeconds(5));

        assertFalse(haproxy.isAlive());
        assertTrue(tree.stream().noneMatch(ProcessLiveness::isRunning), "a worker may linger as a zombie until init reaps it");
    }

    private HaproxyProcess startHaproxy() {
        return HaproxyProcess.start(HaproxyExecutable.locate(), state, List.of(new HaproxyRoute(BACKEND, proxyPort)), START_TIMEOUT);
    }

    private Map<String, List<TrackServer>> servers() {
        return Map.of("stable", List.of(new TrackServer("stable-0", "127.0.0.1", stable.port(), true)),
                "canary", List.of(new TrackServer("canary-0", "127.0.0.1", canary.port(), true)));
    }

    private static void assertShare(int expectedPercent, int count, Map<String, Integer> answers) {
        double observed = 100.0 * count / REQUESTS;
        assertTrue(Math.abs(observed - expectedPercent) <= TOLERANCE,
                "canary share " + observed + " % should be " + expectedPercent + " % ± " + TOLERANCE + ": " + answers);
    }

    private static List<ProcessHandle> processTree(HaproxyProcess haproxy) {
        ProcessHandle master = ProcessHandle.of(haproxy.pid()).orElseThrow();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(master), master.descendants()).toList();
    }

    private static String withoutTimes(String serversState) {
        // Column 10 is srv_time_since_last_change, in seconds.
        return serversState.lines().map(line -> {
            String[] fields = line.split(" ");
            if (fields.length > 9 && !line.startsWith("#")) {
                fields[9] = "-";
            }
            return String.join(" ", fields);
        }).collect(Collectors.joining("\n"));
    }
}
