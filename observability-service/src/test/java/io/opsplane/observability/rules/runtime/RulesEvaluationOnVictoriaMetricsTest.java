package io.opsplane.observability.rules.runtime;

import io.opsplane.testing.MetricsStoreTestResource;
import io.opsplane.testing.OpsplaneTestResources;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The same rule evaluation against a VictoriaMetrics the test starts: recording results written back included. */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
@WithTestResource(value = MetricsStoreTestResource.class,
        initArgs = @ResourceArg(name = "store", value = MetricsStoreTestResource.VICTORIA_METRICS))
class RulesEvaluationOnVictoriaMetricsTest extends RulesEvaluationContract {
}
