package io.opsplane.platform.auth;

import io.grpc.ServerCall;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * Holds a call's events while its caller is being verified asynchronously, then hands them, in
 * order, to the listener of the service method (or drops them when the call was refused).
 */
final class PendingListener<ReqT> extends ServerCall.Listener<ReqT> {

    private final Queue<Consumer<ServerCall.Listener<ReqT>>> pending = new ArrayDeque<>();
    private ServerCall.Listener<ReqT> target;

    /** From now on events go to {@code listener}; the held ones first. */
    void start(ServerCall.Listener<ReqT> listener) {
        while (true) {
            Consumer<ServerCall.Listener<ReqT>> event;
            synchronized (this) {
                event = pending.poll();
                if (event == null) {
                    target = listener;
                    return;
                }
            }
            event.accept(listener);
        }
    }

    /** The call was refused: nothing more reaches a service method. */
    void refuse() {
        start(new ServerCall.Listener<>() {
        });
    }

    @Override
    public void onMessage(ReqT message) {
        dispatch(listener -> listener.onMessage(message));
    }

    @Override
    public void onHalfClose() {
        dispatch(ServerCall.Listener::onHalfClose);
    }

    @Override
    public void onCancel() {
        dispatch(ServerCall.Listener::onCancel);
    }

    @Override
    public void onComplete() {
        dispatch(ServerCall.Listener::onComplete);
    }

    @Override
    public void onReady() {
        dispatch(ServerCall.Listener::onReady);
    }

    private void dispatch(Consumer<ServerCall.Listener<ReqT>> event) {
        ServerCall.Listener<ReqT> listener;
        synchronized (this) {
            if (target == null) {
                pending.add(event);
                return;
            }
            listener = target;
        }
        event.accept(listener);
    }
}
