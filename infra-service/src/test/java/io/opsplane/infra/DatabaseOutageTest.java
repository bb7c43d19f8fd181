package io.opsplane.infra;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TcpProxy;
import io.opsplane.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness tells the truth when PostgreSQL goes away: the service reaches the real server through a
 * TCP relay the test cuts (as a stopped server would look) and restores.
 */
@QuarkusTest
@WithTestResource(value = DatabaseOutageTest.DatabaseBehindARelay.class,
        initArgs = @ResourceArg(name = "database", value = "infra_outage"))
class DatabaseOutageTest {

    static TcpProxy proxy;

    /** The usual resources, with the database reached through {@link TcpProxy}. */
    public static class DatabaseBehindARelay extends OpsplaneTestResources {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
            try {
                proxy = new TcpProxy(pg.host(), pg.port());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            String database = config.get("quarkus.datasource.jdbc.url").replaceAll(".*/", "");
            config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/" + database);
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database);
            return config;
        }

        @Override
        public void stop() {
            super.stop();
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    private static int readiness() {
        return given().when().get("/q/health/ready").statusCode();
    }

    private static void awaitReadiness(int status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (readiness() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    @Test
    void readinessGoesDownWhilePostgresIsUnreachableAndComesBack() throws InterruptedException {
        awaitReadiness(200);
        given().when().get("/q/health/ready").then().statusCode(200);

        proxy.cut();
        try {
            awaitReadiness(503);
            given().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'Reactive PostgreSQL connections health check' }.status",
                            equalTo("DOWN"));
        } finally {
            proxy.restore();
        }
        awaitReadiness(200);
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
