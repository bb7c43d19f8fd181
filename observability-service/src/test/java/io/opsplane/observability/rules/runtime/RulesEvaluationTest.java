package io.opsplane.observability.rules.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.metrics.ActiveTarget;
import io.opsplane.observability.metrics.PrometheusClient;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.observability.v1.PutRuleNamespaceRequest;
import io.opsplane.testing.MetricsStoreTestResource;
import io.opsplane.testing.OpsplaneTestResources;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rule evaluation against Prometheus (the launcher's, or OPSPLANE_METRICS_URL). */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
@WithTestResource(MetricsStoreTestResource.class)
class RulesEvaluationTest extends RulesEvaluationContract {

    /** The store scrapes itself (job "prometheus", every second): a group reading that target follows its scrapes. */
    @Test
    void aGroupReadingAScrapedTargetEvaluatesRightAfterItsScrapes() throws Exception {
        String namespace = "aligned-" + UUID.randomUUID();
        rules.putRuleNamespace(PutRuleNamespaceRequest.newBuilder().setNamespace(namespace).setYaml("""
                groups:
                  - name: scraped
                    interval: 1s
                    rules:
                      - alert: StoreDown
                        expr: up{job="prometheus"} == 0
                """).build());
        evaluation.syncSoon();
        PrometheusClient store = new PrometheusClient(store(), Duration.ofSeconds(10), 1000, Duration.ofSeconds(2));
        until("evaluations right after the store's scrapes", () -> {
            ActiveTarget self = store.targets(null).stream()
                    .filter(target -> "prometheus".equals(target.labels().get("job"))).findFirst().orElseThrow();
            Instant visible = self.lastScrape().plus(self.scrapeDuration());
            Instant evaluated = Timestamps.toInstant(rule(namespace, "StoreDown").getLastEvaluation());
            long afterVisible = Math.floorMod(Duration.between(visible, evaluated).toMillis(), 1000L);
            // The evaluation's slot is 25 ms (the margin) after the samples are visible, give or take jitter.
            return afterVisible < 100;
        });
        assertTrue(evaluation.evaluators().ownedGroups().contains(namespace + "/scraped"));
    }
}
