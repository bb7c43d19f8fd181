package io.opsplane.platform.access;

import com.google.protobuf.Descriptors;
import io.opsplane.proto.security.v1.Permission;
import io.opsplane.proto.security.v1.PermissionsProto;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The permission catalogue of the contracts ({@code opsplane/security/v1/permissions.proto}) by
 * name, and the permission each gRPC method declares.
 */
public final class PermissionCatalog {

    private static final Map<String, Permission> BY_NAME = load();

    private PermissionCatalog() {
    }

    /** Every permission name, in catalogue order. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    public static boolean isKnown(String name) {
        return BY_NAME.containsKey(name);
    }

    /** `<resource>:<action>` of a catalogue entry. */
    public static String nameOf(Permission permission) {
        String name = permission.getValueDescriptor().getOptions().getExtension(PermissionsProto.name);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(permission + " has no name in the catalogue");
        }
        return name;
    }

    /** Whether calls that need this permission change state (and are audited). */
    public static boolean isMutating(String name) {
        Permission permission = BY_NAME.get(name);
        return permission != null
                && permission.getValueDescriptor().getOptions().getExtension(PermissionsProto.mutating);
    }

    /**
     * Methods of standard protocols whose .proto files cannot carry {@code (opsplane.security.v1.requires)}: each
     * one named here, by its full name, needs this permission; every other method without the option stays
     * closed.
     */
    private static final Map<String, String> FOREIGN_METHODS = Map.of(
            "opentelemetry.proto.collector.trace.v1.TraceService/Export", "metrics:ingest",
            "opentelemetry.proto.collector.logs.v1.LogsService/Export", "metrics:ingest");

    /** The permission of a standard protocol's method (OTLP's Export), if it is one of those allowed. */
    public static Optional<String> requiredByForeign(String fullMethodName) {
        return Optional.ofNullable(FOREIGN_METHODS.get(fullMethodName));
    }

    /** The permission a gRPC method declares with {@code (opsplane.security.v1.requires)}, if any. */
    public static Optional<String> requiredBy(Descriptors.MethodDescriptor method) {
        if (!method.getOptions().hasExtension(PermissionsProto.requires)) {
            return Optional.empty();
        }
        Permission permission = method.getOptions().getExtension(PermissionsProto.requires);
        if (permission == Permission.PERMISSION_UNSPECIFIED) {
            return Optional.empty();
        }
        return Optional.of(nameOf(permission));
    }

    private static Map<String, Permission> load() {
        Map<String, Permission> byName = new LinkedHashMap<>();
        for (Permission permission : Permission.values()) {
            if (permission != Permission.PERMISSION_UNSPECIFIED && permission != Permission.UNRECOGNIZED) {
                byName.put(nameOf(permission), permission);
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
