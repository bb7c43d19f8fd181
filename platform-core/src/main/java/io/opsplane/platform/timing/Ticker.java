package io.opsplane.platform.timing;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A daemon thread that runs one blocking step every interval until stopped. A step that fails is reported and the
 * next one runs on time: background work (sweepers, pollers, clocks) must outlive a database hiccup.
 */
public final class Ticker {

    /** One step; it may block and may throw. */
    @FunctionalInterface
    public interface Step {
        void run() throws Throwable;
    }

    private final Thread thread;
    private volatile boolean running = true;

    private Ticker(String name, Duration interval, Step step, Consumer<Throwable> onFailure) {
        thread = new Thread(() -> loop(interval, step, onFailure), name);
        thread.setDaemon(true);
    }

    /** Starts the thread {@code name}; the first step runs one interval from now. */
    public static Ticker start(String name, Duration interval, Step step, Consumer<Throwable> onFailure) {
        Ticker ticker = new Ticker(name, interval, step, onFailure);
        ticker.thread.start();
        return ticker;
    }

    public void stop() {
        running = false;
        thread.interrupt();
    }

    private void loop(Duration interval, Step step, Consumer<Throwable> onFailure) {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
                step.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                onFailure.accept(e);
            }
        }
    }
}
