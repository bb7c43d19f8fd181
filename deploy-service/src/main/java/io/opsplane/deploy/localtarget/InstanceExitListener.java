package io.opsplane.deploy.localtarget;

/**
 * Told when a started instance's process ends, requested or not; a supervisor restarts crashed
 * ones and emits {@code InstanceCrashed}. Called on a thread of the JDK's process reaper: keep it short.
 */
@FunctionalInterface
public interface InstanceExitListener {

    void exited(InstanceExit exit);
}
