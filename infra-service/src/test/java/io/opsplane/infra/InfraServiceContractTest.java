package io.opsplane.infra;

import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.ServiceContractTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "infra"))
class InfraServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "infra-service";
    }
}
