package io.opsplane.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opsplane.platform.access.ContractServices;
import io.opsplane.proto.platform.v1.GetServiceInfoRequest;
import io.opsplane.proto.platform.v1.ServiceInfo;
import io.opsplane.proto.platform.v1.ServiceInfoServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every Opsplane service promises, checked against the running service with its real database
 * and broker: readiness that really covers Kafka, PostgreSQL and gRPC, Prometheus metrics, gRPC health,
 * its own description (migrated schema, topics), and no gRPC method that answers a caller without
 * credentials or without the method's permission. Each service module extends it once.
 */
public abstract class ServiceContractTest {

    @GrpcClient("self")
    ServiceInfoServiceGrpc.ServiceInfoServiceBlockingStub serviceInfo;

    @GrpcClient("self")
    HealthGrpc.HealthBlockingStub health;

    @GrpcClient("self")
    Channel channel;

    /** The service's name, e.g. {@code pipeline-service}. */
    protected abstract String serviceName();

    @Test
    void readinessCoversKafkaDatabaseAndGrpc() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka broker",
                        "Reactive PostgreSQL connections health check", "gRPC Server", "Outbox relay",
                        "Event consumers"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("opsplane_outbox_published_total"))
                .body(containsString("opsplane_outbox_oldest_pending_age_seconds"))
                .body(containsString("opsplane_outbox_quarantined "));
    }

    @Test
    void grpcHealthServesWithoutCredentials() {
        HealthCheckResponse response = health.check(HealthCheckRequest.newBuilder().build());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, response.getStatus());
    }

    @Test
    void admittedCallsAreTimedForTheirAuthorisationCost() {
        TestPrincipals.as(TestPrincipals.user("test-operator", "operator", "global"), serviceInfo)
                .getServiceInfo(GetServiceInfoRequest.getDefaultInstance());
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*opsplane_grpc_admission_seconds_count\\{caller=\"relayed\"[^}]*} [1-9].*"))
                .body(containsString("opsplane_grpc_admission_seconds{caller=\"relayed\""))
                .body(containsString("quantile=\"0.99\""));
    }

    @Test
    void describesItselfWithItsMigratedSchemaAndTopics() {
        ServiceInfo info = TestPrincipals.as(TestPrincipals.user("test-operator", "operator", "global"), serviceInfo)
                .getServiceInfo(GetServiceInfoRequest.getDefaultInstance());
        assertEquals(serviceName(), info.getName());
        assertFalse(info.getSchemaVersion().isEmpty(), "no migration applied");
        assertTrue(Integer.parseInt(info.getSchemaVersion()) >= 2, "platform migrations missing: " + info);
        String domain = serviceName().replace("-service", "");
        String prefix = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("opsplane.topics.prefix", String.class);
        assertEquals(prefix + "." + domain + ".events", info.getEventsTopic());
        assertEquals(prefix + "." + domain + ".dead-letter", info.getDeadLetterTopic());
        assertTrue(info.getOutboxBacklog() >= 0);
        assertTrue(info.getOutboxQuarantined() >= 0);
    }

    @Test
    void everyMethodRefusesACallWithoutCredentials() {
        List<String> served = callEveryMethod(new Metadata(), Status.Code.UNAUTHENTICATED);
        assertTrue(served.size() >= 4, "expected at least service info and outbox methods: " + served);
    }

    @Test
    void everyMethodRefusesACallerWithoutItsPermission() {
        callEveryMethod(TestPrincipals.relayed(TestPrincipals.nobody()), Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aForgedOrUnrelayedAssertionIsRefused() {
        Metadata forged = TestPrincipals.relayed(TestPrincipals.admin());
        Metadata.Key<String> principal = Metadata.Key.of("opsplane-principal", Metadata.ASCII_STRING_MARSHALLER);
        String assertion = forged.get(principal);
        forged.removeAll(principal);
        forged.put(principal, assertion.substring(0, assertion.length() - 4) + "AAAA");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> withMetadata(forged).getServiceInfo(GetServiceInfoRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());

        Metadata unrelayed = new Metadata();
        unrelayed.put(principal, TestPrincipals.assertion(TestPrincipals.admin()));
        e = assertThrows(StatusRuntimeException.class,
                () -> withMetadata(unrelayed).getServiceInfo(GetServiceInfoRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    private ServiceInfoServiceGrpc.ServiceInfoServiceBlockingStub withMetadata(Metadata metadata) {
        return serviceInfo.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    /**
     * Calls every method of every contract service with an empty request and {@code metadata}: each one
     * this service serves must answer {@code expected}; the others are UNIMPLEMENTED here. The methods served.
     */
    private List<String> callEveryMethod(Metadata metadata, Status.Code expected) {
        Channel authenticated = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata));
        List<String> served = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Descriptors.ServiceDescriptor service : ContractServices.all()) {
            for (Descriptors.MethodDescriptor method : service.getMethods()) {
                String name = MethodDescriptor.generateFullMethodName(service.getFullName(), method.getName());
                MethodDescriptor<byte[], byte[]> descriptor = MethodDescriptor.<byte[], byte[]>newBuilder()
                        .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(name)
                        .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
                Status.Code code;
                try {
                    ClientCalls.blockingUnaryCall(authenticated, descriptor,
                            CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), new byte[0]);
                    code = Status.Code.OK;
                } catch (StatusRuntimeException e) {
                    code = e.getStatus().getCode();
                }
                if (code == Status.Code.UNIMPLEMENTED) {
                    continue;
                }
                served.add(name);
                if (code != expected) {
                    wrong.add(name + " answered " + code);
                }
            }
        }
        assertEquals(List.of(), wrong, "methods that did not answer " + expected);
        return served;
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
}
