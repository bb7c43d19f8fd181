package io.opsplane.observability.rules.runtime;

import io.opsplane.testing.MetricsStoreTestResource;
import io.opsplane.testing.OpsplaneTestResources;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Rule evaluation against Prometheus (the launcher's, or OPSPLANE_METRICS_URL). */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
@WithTestResource(MetricsStoreTestResource.class)
class RulesEvaluationTest extends RulesEvaluationContract {
}
