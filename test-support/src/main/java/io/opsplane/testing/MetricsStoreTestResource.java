package io.opsplane.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Points observability-service at the real metrics store ({@link TestInfrastructure#metricsStore()}) and
 * gives its scrape discovery a token of this run ({@link #DISCOVERY_TOKEN}). Init arg {@code max-samples}
 * sets the sample limit; init arg {@code store} = {@value #VICTORIA_METRICS} starts a {@link VictoriaMetrics} of
 * the test's own instead, so the same tests run against a second store; {@code store} = {@value #OWN_PROMETHEUS}
 * starts a Prometheus of the test's own ({@link PeerPrometheus#store()}), for a test that must see no other test's
 * series. Tests read the store's URL from {@code opsplane.metrics.url}.
 */
public class MetricsStoreTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DISCOVERY_TOKEN = "test-discovery-" + java.util.UUID.randomUUID();

    public static final String VICTORIA_METRICS = "victoria-metrics";

    public static final String OWN_PROMETHEUS = "own-prometheus";

    private String maxSamples = "100000";
    private String storeKind;
    private AutoCloseable ownStore;
    private Path tokenFile;

    @Override
    public void init(Map<String, String> initArgs) {
        maxSamples = initArgs.getOrDefault("max-samples", maxSamples);
        storeKind = initArgs.getOrDefault("store", "");
    }

    @Override
    public Map<String, String> start() {
        try {
            tokenFile = Files.createTempFile("opsplane-test-discovery", ".token",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tokenFile, DISCOVERY_TOKEN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String store;
        if (storeKind.equals(VICTORIA_METRICS)) {
            VictoriaMetrics victoria = VictoriaMetrics.start();
            ownStore = victoria;
            store = victoria.url();
        } else if (storeKind.equals(OWN_PROMETHEUS)) {
            PeerPrometheus prometheus = PeerPrometheus.store();
            ownStore = prometheus;
            store = prometheus.url();
        } else {
            store = TestInfrastructure.metricsStore();
        }
        return Map.of("opsplane.metrics.url", store,
                "opsplane.metrics.max-samples", maxSamples,
                "opsplane.metrics.discovery.token-file", tokenFile.toString());
    }

    @Override
    public void stop() {
        if (ownStore != null) {
            try {
                ownStore.close();
            } catch (Exception e) {
                // the store's process is gone with the test run either way
            }
        }
        try {
            if (tokenFile != null) {
                Files.deleteIfExists(tokenFile);
            }
        } catch (IOException e) {
            // a temporary file; nothing depends on it any more
        }
    }
}
