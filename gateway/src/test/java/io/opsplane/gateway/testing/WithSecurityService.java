package io.opsplane.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The gateway with {@link FakeSecurityService} behind it, so that {@link FakeSecurityService#TOKEN} is accepted. */
public class WithSecurityService implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeSecurityService.class));
    }
}
