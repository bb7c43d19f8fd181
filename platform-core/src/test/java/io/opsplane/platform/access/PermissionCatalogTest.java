package io.opsplane.platform.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;
import io.opsplane.proto.security.v1.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every gRPC method of the contracts declares a permission of the catalogue; no endpoint ships unprotected. */
class PermissionCatalogTest {

    private static final Pattern NAME = Pattern.compile("^[a-z]+:[a-z]+$");

    @Test
    void everyMethodOfEveryServiceDeclaresAPermission() {
        List<String> unprotected = new ArrayList<>();
        List<Descriptors.ServiceDescriptor> services = ContractServices.all();
        for (Descriptors.ServiceDescriptor service : services) {
            for (Descriptors.MethodDescriptor method : service.getMethods()) {
                if (PermissionCatalog.requiredBy(method).isEmpty()) {
                    unprotected.add(method.getFullName());
                }
            }
        }
        assertTrue(services.size() >= 6, "found only " + services.size() + " services");
        assertEquals(List.of(), unprotected, "methods without (opsplane.security.v1.requires)");
    }

    @Test
    void everyCatalogueEntryHasAUniqueWellFormedName() {
        List<String> names = new ArrayList<>();
        for (Permission permission : Permission.values()) {
            if (permission == Permission.PERMISSION_UNSPECIFIED || permission == Permission.UNRECOGNIZED) {
                continue;
            }
            String name = PermissionCatalog.nameOf(permission);
            assertTrue(NAME.matcher(name).matches(), name);
            assertFalse(names.contains(name), "duplicate " + name);
            names.add(name);
        }
        assertEquals(names, List.copyOf(PermissionCatalog.names()));
    }

    @Test
    void readsAreNotMutatingAndWritesAre() {
        assertFalse(PermissionCatalog.isMutating("pipelines:read"));
        assertTrue(PermissionCatalog.isMutating("pipelines:run"));
        assertTrue(PermissionCatalog.isMutating("access:grant"));
        assertFalse(PermissionCatalog.isMutating("no:such"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "[{index}] {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            opentelemetry.proto.collector.trace.v1.TraceService/Export   ; metrics:ingest
            opentelemetry.proto.collector.logs.v1.LogsService/Export     ; metrics:ingest
            opentelemetry.proto.collector.metrics.v1.MetricsService/Export ; -
            opentelemetry.proto.collector.trace.v1.TraceService/Other    ; -
            opentelemetry.proto.collector.trace.v1.TraceService/export   ; -
            x.TraceService/Export                                        ; -
            grpc.reflection.v1.ServerReflection/ServerReflectionInfo     ; -
            """)
    void onlyTheNamedMethodsOfStandardProtocolsHaveAPermissionWithoutTheOption(String method, String permission) {
        assertEquals(java.util.Optional.ofNullable(permission), PermissionCatalog.requiredByForeign(method));
        if (permission != null) {
            assertTrue(PermissionCatalog.isKnown(permission));
        }
    }
}
