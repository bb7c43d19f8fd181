package io.opsplane.deploy.rollout;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.time.Duration;
import java.util.Optional;

/**
 * Green starts next to blue, must be healthy within {@code healthTimeout}, may be analysed before
 * and after traffic switches, and blue is scaled down {@code scaleDownDelay} after the switch so a
 * switch-back stays instant meanwhile. Without auto-promotion the switch waits for an operator.
 */
public record BlueGreenStrategy(
        Duration healthTimeout,
        Optional<String> preSwitchAnalysisTemplate,
        Optional<String> postSwitchAnalysisTemplate,
        Duration scaleDownDelay,
        boolean autoPromote) implements Strategy {

    public BlueGreenStrategy {
        if (healthTimeout.isNegative() || healthTimeout.isZero()) {
            throw new InvalidFieldException("healthTimeout", "must be positive, was " + healthTimeout);
        }
        if (scaleDownDelay.isNegative()) {
            throw new InvalidFieldException("scaleDownDelay", "must not be negative, was " + scaleDownDelay);
        }
        preSwitchAnalysisTemplate.ifPresent(name -> InvalidFieldException.requireText("preSwitchAnalysis", name));
        postSwitchAnalysisTemplate.ifPresent(name -> InvalidFieldException.requireText("postSwitchAnalysis", name));
    }
}
