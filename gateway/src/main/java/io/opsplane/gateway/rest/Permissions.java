package io.opsplane.gateway.rest;

/**
 * Every operation of the REST API declares the permission it needs as the OpenAPI extension
 * {@value #EXTENSION} ({@code @Extension(name = Permissions.EXTENSION, value = "pipelines:read")}), so
 * the published document says it and a test refuses an operation without one. The service behind the
 * operation enforces it, on the object the request names.
 */
public final class Permissions {

    public static final String EXTENSION = "x-opsplane-permission";
    /** Any verified caller, whatever its roles (who am I). */
    public static final String AUTHENTICATED = "authenticated";

    private Permissions() {
    }
}
