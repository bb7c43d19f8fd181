package io.opsplane.gateway.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Counts every body a resource reads and stops at {@code quarkus.http.limits.max-body-size}, so that a
 * body without a declared length is refused as a 413 problem too (see {@link BodySizeLimit}).
 */
@Provider
public class BodySizeInterceptor implements ReaderInterceptor {

    @Inject
    BodySizeLimit bodySize;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long limit = bodySize.limit();
        if (limit >= 0) {
            context.setInputStream(new LimitedInputStream(context.getInputStream(), limit));
        }
        return context.proceed();
    }
}
