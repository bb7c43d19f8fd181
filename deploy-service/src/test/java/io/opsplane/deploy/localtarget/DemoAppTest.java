package io.opsplane.deploy.localtarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo application of {@code examples/demo-app}, run as an instance: its answers, its metrics and its error switch. */
class DemoAppTest {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+)\\{([^}]*)} (\\S+)$");

    @TempDir
    Path folder;

    private LocalInstanceRunner runner;
    private RunningInstance instance;

    @AfterEach
    void stop() {
        if (instance != null && instance.isAlive()) {
            instance.stop();
        }
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void countsRequestsByCodeAndVersionInPrometheusTextFormat() throws Exception {
        instance = start(Map.of("DEMO_VERSION", "v2", "DEMO_ERROR_RATIO", "0.25"));

        List<Integer> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            codes.add(DemoApp.get(instance.port(), "/").statusCode());
        }

        assertEquals(30, codes.stream().filter(code -> code == 200).count());
        assertEquals(10, codes.stream().filter(code -> code == 500).count(), "a quarter of the answers are errors, spread evenly");
        var metrics = DemoApp.get(instance.port(), "/metrics");
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = samples(metrics.body());
        assertEquals(30.0, samples.get("http_requests_total{code=\"200\",version=\"v2\"}"));
        assertEquals(10.0, samples.get("http_requests_total{code=\"500\",version=\"v2\"}"));
        assertEquals(40.0, samples.get("http_request_duration_seconds_count{version=\"v2\"}"));
        assertEquals(40.0, samples.get("http_request_duration_seconds_bucket{version=\"v2\",le=\"+Inf\"}"));
        assertTrue(metrics.body().contains("# TYPE http_request_duration_seconds histogram\n"));
    }

    @Test
    void theErrorSwitchTurnsAGoodInstanceIntoABadOneWhileItRuns() throws Exception {
        instance = start(Map.of("DEMO_VERSION", "v3"));
        assertEquals(200, DemoApp.get(instance.port(), "/").statusCode());

        assertEquals(200, DemoApp.put(instance.port(), "/admin/error-ratio", "1").statusCode());

        assertEquals(500, DemoApp.get(instance.port(), "/").statusCode());
        assertEquals(1.0, samples(DemoApp.get(instance.port(), "/metrics").body()).get("demo_error_ratio{version=\"v3\"}"));
    }

    @Test
    void theErrorSwitchRefusesWhatIsNotARatio() throws Exception {
        instance = start(Map.of());

        for (String body : List.of("1.5", "-0.1", "NaN", "lots", "")) {
            assertEquals(400, DemoApp.put(instance.port(), "/admin/error-ratio", body).statusCode(), body);
        }
        assertEquals(405, DemoApp.get(instance.port(), "/admin/error-ratio").statusCode());
        assertEquals(200, DemoApp.get(instance.port(), "/").statusCode(), "the ratio stayed 0");
    }

    private RunningInstance start(Map<String, String> environment) {
        runner = new LocalInstanceRunner(folder, exit -> { });
        return runner.start(DemoApp.spec("demo").withEnvironment(environment));
    }

    private static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Matcher matcher = SAMPLE.matcher(text);
        while (matcher.find()) {
            samples.put(matcher.group(1) + "{" + matcher.group(2) + "}", Double.parseDouble(matcher.group(3)));
        }
        return samples;
    }
}
