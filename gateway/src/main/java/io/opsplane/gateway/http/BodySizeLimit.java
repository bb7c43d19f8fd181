package io.opsplane.gateway.http;

import io.opsplane.gateway.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code quarkus.http.limits.max-body-size} as a 413 problem rather than Quarkus's empty 413.
 *
 * <p>A declared {@code Content-Length} over the limit is refused before anything reads the body, by a
 * route ahead of Quarkus's own check of it (order -2); the connection is then closed, since the rest
 * of the body is never read. A body without a declared length (chunked) can only be measured while it
 * is read: {@link BodySizeInterceptor} counts it and fails at the limit, and Quarkus's own count, which
 * would answer with an empty body, is moved to twice the limit so that it stays only a backstop.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Where Quarkus leaves the limit for the REST layer when the length is not declared. */
    static final String QUARKUS_LIMIT_KEY = "io.quarkus.max-request-size";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @Inject
    VertxProblems problems;

    void install(@Observes Router router) {
        maxBodySize.ifPresent(size -> {
            long limit = size.asLongValue();
            router.route().order(-3).handler(context -> refuseDeclaredOverLimit(context, limit));
            router.route().order(-1).handler(context -> {
                if (context.get(QUARKUS_LIMIT_KEY) != null) {
                    context.put(QUARKUS_LIMIT_KEY, limit > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : limit * 2);
                }
                context.next();
            });
        });
    }

    /** The limit in bytes, or -1 for none. */
    public long limit() {
        return maxBodySize.map(MemorySize::asLongValue).orElse(-1L);
    }

    private void refuseDeclaredOverLimit(RoutingContext context, long limit) {
        if (declaredLength(context) <= limit) {
            context.next();
            return;
        }
        context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        context.response().endHandler(ended -> context.request().connection().close());
        problems.end(context, tooLarge(limit));
    }

    /** The problem for a body over the limit. */
    public static Problem tooLarge(long limit) {
        return Problem.of(413, "Content Too Large", "the body is larger than the limit of " + limit + " bytes");
    }

    /** The declared length; -1 when there is none or it is not a number (the HTTP codec refuses those). */
    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
