package io.opsplane.gateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code Cache-Control: no-store} on every /api and /prometheus response that does not say otherwise (and
 * {@code X-Content-Type-Options: nosniff} on /prometheus, which the configured headers of /api miss). Added as the
 * headers are written rather than configured like the other security headers: a configured header is
 * set before the resource runs, and a resource's own {@code Cache-Control} would then be sent twice.
 */
@ApplicationScoped
public class NoStoreByDefault {

    void install(@Observes Router router) {
        for (String path : new String[] {"/api/*", "/prometheus/*"}) {
            boolean prometheus = path.startsWith("/prometheus");
            router.route(path).order(Integer.MIN_VALUE).handler(context -> {
                context.addHeadersEndHandler(ignored -> {
                    if (!context.response().headers().contains(HttpHeaders.CACHE_CONTROL)) {
                        context.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                    }
                    if (prometheus) {
                        context.response().putHeader("X-Content-Type-Options", "nosniff");
                    }
                });
                context.next();
            });
        }
    }
}
