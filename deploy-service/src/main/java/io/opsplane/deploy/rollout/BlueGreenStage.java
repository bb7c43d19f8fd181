package io.opsplane.deploy.rollout;

/** The fixed sequence of a blue-green rollout; stages that are not configured are passed through. */
public enum BlueGreenStage {
    AWAIT_GREEN_HEALTHY,
    PRE_SWITCH_ANALYSIS,
    AWAIT_PROMOTION,
    SWITCH_TRAFFIC,
    POST_SWITCH_ANALYSIS,
    COMPLETE
}
