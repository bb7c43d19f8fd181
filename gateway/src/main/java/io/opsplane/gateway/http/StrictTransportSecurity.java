package io.opsplane.gateway.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code Strict-Transport-Security} on every response to a request that came over TLS, and only
 * then: over plain HTTP the header means nothing to a browser, and a gateway behind a proxy that ends
 * TLS leaves the header to that proxy. Configured headers cannot depend on the connection, hence a
 * route.
 */
@ApplicationScoped
public class StrictTransportSecurity {

    static final String HEADER = "Strict-Transport-Security";
    /** One year, the usual minimum for a host that serves only HTTPS. */
    static final String VALUE = "max-age=31536000";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (context.request().isSSL()) {
                context.response().putHeader(HEADER, VALUE);
            }
            context.next();
        });
    }
}
