package io.opsplane.deploy.localtarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.deploy.process.LoopbackPorts;
import io.opsplane.deploy.traffic.ServerStats;
import io.opsplane.deploy.traffic.SplitOutcome;
import io.opsplane.deploy.traffic.TrackServer;
import io.opsplane.deploy.traffic.haproxy.HaproxyExecutable;
import io.opsplane.deploy.traffic.haproxy.HaproxyProcess;
import io.opsplane.deploy.traffic.haproxy.HaproxyRoute;
import io.opsplane.deploy.traffic.haproxy.HaproxyTrafficRouter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime parts together, as a canary will use them: two demo-app instances (v1 stable, v2
 * canary) started by the local runner, a real HAProxy in front, weights moved through its runtime API.
 */
class CanaryOfLocalInstancesTest {

    private static final String BACKEND = "demo.staging";
    /** Answers each weight step gets before the next one. */
    private static final int ANSWERS_PER_STEP = 60;

    @TempDir
    Path folder;

    private LocalInstanceRunner runner;
    private RunningInstance stable;
    private RunningInstance canary;
    private HaproxyProcess haproxy;
    private HaproxyTrafficRouter router;
    private int proxyPort;

    @BeforeEach
    void start() {
        runner = new LocalInstanceRunner(folder.resolve("logs"), exit -> { });
        stable = runner.start(DemoApp.spec("demo-v1").withEnvironment(Map.of("DEMO_VERSION", "v1")));
        canary = runner.start(DemoApp.spec("demo-v2").withEnvironment(Map.of("DEMO_VERSION", "v2")));
        proxyPort = LoopbackPorts.free();
        haproxy = HaproxyProcess.start(HaproxyExecutable.locate(), folder.resolve("haproxy"),
                List.of(new HaproxyRoute(BACKEND, proxyPort)), Duration.ofSeconds(20));
        router = new HaproxyTrafficRouter(haproxy.runtimeApi());
        router.applySplit(BACKEND, Map.of("stable", 100, "canary", 0), tracks(stable, canary));
    }

    @AfterEach
    void stop() {
        haproxy.close();
        for (RunningInstance instance : List.of(stable, canary)) {
            if (instance.isAlive()) {
                instance.stop();
            }
        }
        runner.close();
    }

    @Test
    void aFullCanaryProgressionUnderLoadLosesNoRequest() throws Exception {
        LoadGenerator load = new LoadGenerator(proxyPort);
        try (load) {
            load.awaitMore(ANSWERS_PER_STEP);
            for (int canaryPercent : new int[] {10, 25, 50, 75, 100}) {
                router.applySplit(BACKEND, Map.of("stable", 100 - canaryPercent, "canary", canaryPercent), tracks(stable, canary));
                load.awaitMore(ANSWERS_PER_STEP);
            }
            // Promotion done: the old version leaves the backend once it has finished its requests, then its process stops.
            SplitOutcome outcome = router.applySplit(BACKEND, Map.of("canary", 100), Map.of("canary", List.of(server(canary))));
            for (int attempt = 0; !outcome.complete() && attempt < 1000; attempt++) {
                load.awaitMore(1);
                outcome = router.applySplit(BACKEND, Map.of("canary", 100), Map.of("canary", List.of(server(canary))));
            }
            assertTrue(outcome.complete(), outcome.toString());
            stable.stop();
            load.awaitMore(ANSWERS_PER_STEP);
        }

        List<String> answers = load.answers();
        assertTrue(answers.stream().allMatch(answer -> answer.equals("200 demo v1") || answer.equals("200 demo v2")),
                "every request answered by one of the versions: " + tally(answers));
        List<String> last = answers.subList(answers.size() - ANSWERS_PER_STEP, answers.size());
        assertEquals(Map.of("200 demo v2", ANSWERS_PER_STEP), tally(last), "after the promotion only v2 answers");
        assertEquals(List.of("canary-0"), router.servers(BACKEND).stream().map(ServerStats::server).toList());
    }

    @Test
    void abortingABadCanarySetsItsWeightToZeroAndTheErrorsStop() throws Exception {
        router.applySplit(BACKEND, Map.of("stable", 50, "canary", 50), tracks(stable, canary));
        assertEquals(200, DemoApp.put(canary.port(), "/admin/error-ratio", "1").statusCode());
        Map<String, Integer> during = tally(requests(100));
        assertTrue(during.getOrDefault("500 demo v2 failed", 0) >= 40, "the bad canary answers its share with errors: " + during);
        assertEquals(0, during.getOrDefault("200 demo v2", 0), during.toString());

        router.applySplit(BACKEND, Map.of("stable", 100, "canary", 0), tracks(stable, canary));

        assertEquals(Map.of("200 demo v1", 100), tally(requests(100)));
    }

    private List<String> requests(int count) throws Exception {
        List<String> answers = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            var response = DemoApp.get(proxyPort, "/");
            answers.add(response.statusCode() + " " + response.body().strip());
        }
        return answers;
    }

    private static Map<String, List<TrackServer>> tracks(RunningInstance stable, RunningInstance canary) {
        return Map.of("stable", List.of(new TrackServer("stable-0", "127.0.0.1", stable.port(), true)),
                "canary", List.of(server(canary)));
    }

    private static TrackServer server(RunningInstance canary) {
        return new TrackServer("canary-0", "127.0.0.1", canary.port(), true);
    }

    private static Map<String, Integer> tally(List<String> answers) {
        return answers.stream().collect(Collectors.toMap(Function.identity(), answer -> 1, Integer::sum, TreeMap::new));
    }
}
