package io.opsplane.gateway;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The public REST API; every operation needs an API token. */
@OpenAPIDefinition(info = @Info(title = "Opsplane API", version = "v1"),
        security = @SecurityRequirement(name = "apiToken"))
@SecurityScheme(securitySchemeName = "apiToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token (ops_...). The admin token is printed by ./opsplane up.")
public class GatewayApplication extends Application {
}
