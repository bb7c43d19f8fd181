package io.opsplane.deploy.localtarget;

import java.time.Duration;

/**
 * What the supervisor tells its owner, which turns them into {@code InstanceStarted} and
 * {@code InstanceCrashed} events. Called on the supervisor's threads: keep it short.
 */
public interface SupervisorEvents {

    /** Started or adopted, and ready. */
    default void running(RunningInstance instance) {
    }

    /** Ended without being asked to; a restart follows after {@code restartIn}. */
    default void crashed(InstanceExit exit, int crashesInARow, Duration restartIn) {
    }

    /** A restart did not become ready; another follows after {@code nextIn}. */
    default void restartFailed(String name, String reason, int crashesInARow, Duration nextIn) {
    }
}
