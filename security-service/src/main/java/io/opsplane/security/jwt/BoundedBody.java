package io.opsplane.security.jwt;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A response body read into memory that gives up, and stops the transfer, past a byte limit. */
final class BoundedBody implements BodySubscriber<byte[]> {

    private final BodySubscriber<byte[]> bytes = BodySubscribers.ofByteArray();
    private final long limit;
    private Flow.Subscription subscription;
    private long received;
    private boolean overLimit;

    BoundedBody(long limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return bytes.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        bytes.onSubscribe(newSubscription);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (overLimit) {
            return;
        }
        for (ByteBuffer item : items) {
            received += item.remaining();
        }
        if (received > limit) {
            overLimit = true;
            subscription.cancel();
            bytes.onError(new IOException("response body is larger than " + limit + " bytes"));
            return;
        }
        bytes.onNext(items);
    }

    @Override
    public void onError(Throwable error) {
        if (!overLimit) {
            bytes.onError(error);
        }
    }

    @Override
    public void onComplete() {
        if (!overLimit) {
            bytes.onComplete();
        }
    }
}
