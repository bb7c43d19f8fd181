package io.opsplane.deploy.rollout;

/** Which group of instances a weight or an action is about. */
public enum Track {
    STABLE,
    CANARY,
    /** Blue-green: the colour serving before the switch. */
    BLUE,
    /** Blue-green: the colour of the new release. */
    GREEN;

    /** Blue serves the old release like stable does; green the new one like canary. */
    public boolean carriesNewRelease() {
        return this == CANARY || this == GREEN;
    }
}
