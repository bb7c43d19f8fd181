package io.opsplane.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.gateway.testing.FakeServices;
import io.opsplane.gateway.testing.ThroughFakeServices;
import io.opsplane.gateway.testing.WithFakeServices;
import io.opsplane.proto.observability.v1.AcknowledgeAlertRequest;
import io.opsplane.proto.observability.v1.EscalationPolicy;
import io.opsplane.proto.observability.v1.ListNotificationsRequest;
import io.opsplane.proto.observability.v1.PutConfigRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alert manager's own REST API through the gateway, with {@link FakeServices} behind it: the configuration as
 * a YAML body, acknowledgement, escalation policies with Prometheus-style delays, and the history's filters and
 * paging reach the service as its messages; its errors come back as problem+json.
 */
@QuarkusTest
@TestProfile(WithFakeServices.class)
class AlertManagerRestThroughFakeServicesTest extends ThroughFakeServices {

    @Test
    void theConfigurationIsPutAsYamlAndItsErrorsAre400() {
        String yaml = "route:\n  receiver: hook\nreceivers:\n  - name: hook\n";
        caller().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .when().put("/api/v1/alertmanager/config").then()
                .statusCode(200).body("version", equalTo(4)).body("yaml", equalTo(yaml));
        assertEquals(yaml, FakeServices.lastRequest(PutConfigRequest.class).getYaml());
        caller().contentType("application/yaml").body("receivers: []\n".getBytes(StandardCharsets.UTF_8))
                .when().put("/api/v1/alertmanager/config")
                .then().statusCode(400).body("detail", containsString("line 1, column 1"));
        caller().when().get("/api/v1/alertmanager/config").then().statusCode(200)
                .body("createdBy", equalTo("alice"));
    }

    @Test
    void anAcknowledgementNamesTheAlertAndItsGroups() {
        caller().when().post("/api/v1/alerts/7bff7fd882346da9/ack").then().statusCode(200)
                .body("groupKeys[0]", equalTo("{}:{alertname=\"A\"}")).body("acknowledgedBy", equalTo("alice"));
        assertEquals("7bff7fd882346da9", FakeServices.lastRequest(AcknowledgeAlertRequest.class).getFingerprint());
    }

    @Test
    void escalationPoliciesTakeDelaysSuchAs15m() {
        caller().contentType(ContentType.JSON).body("""
                {"matchers": ["severity=\\"page\\""], "levels": [{"delay": "0s", "receivers": ["primary"]},
                 {"delay": "1h15m", "receivers": ["secondary", "manager"]}]}""")
                .when().put("/api/v1/escalation-policies/on-call").then().statusCode(200)
                .body("name", equalTo("on-call")).body("levels[1].delay", equalTo("1h15m"));
        EscalationPolicy policy = FakeServices.lastRequest(EscalationPolicy.class);
        assertEquals("on-call", policy.getName());
        assertEquals(4500, policy.getLevels(1).getDelay().getSeconds());
        assertEquals(List.of("secondary", "manager"), policy.getLevels(1).getReceiversList());
        caller().contentType(ContentType.JSON).body("{\"levels\": [{\"delay\": \"soon\", \"receivers\": [\"a\"]}]}")
                .when().put("/api/v1/escalation-policies/on-call").then().statusCode(400)
                .body("detail", containsString("levels[0].delay"));
    }

    @Test
    void theHistoryIsFilteredAndPaged() {
        caller().queryParam("receiver", "hook").queryParam("status", "failed")
                .queryParam("from", "2026-06-01T00:00:00Z").queryParam("limit", 10).queryParam("cursor", "99")
                .when().get("/api/v1/notifications").then().statusCode(200)
                .body("attempts[0].integration", equalTo("webhook[0]")).body("attempts[0].httpStatus", equalTo(503))
                .body("attempts[0].error", containsString("503")).body("nextCursor", equalTo("42"));
        ListNotificationsRequest request = FakeServices.lastRequest(ListNotificationsRequest.class);
        assertEquals("hook", request.getReceiver());
        assertEquals("failed", request.getStatus());
        assertEquals(Instant.parse("2026-06-01T00:00:00Z").getEpochSecond(), request.getFrom().getSeconds());
        assertEquals(10, request.getLimit());
        assertEquals("99", request.getCursor());
        caller().queryParam("from", "yesterday").when().get("/api/v1/notifications").then().statusCode(400)
                .body("detail", containsString("from"));
    }
}
