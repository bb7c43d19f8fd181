package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.model.AllowFailureSpec;
import io.opsplane.pipeline.definition.model.ArtifactsSpec;
import io.opsplane.pipeline.definition.model.CacheSpec;
import io.opsplane.pipeline.definition.model.EnvironmentSpec;
import io.opsplane.pipeline.definition.model.InheritedVariables;
import io.opsplane.pipeline.definition.model.OnlyExceptSpec;
import io.opsplane.pipeline.definition.model.RetrySpec;
import io.opsplane.pipeline.definition.model.RuleSpec;
import io.opsplane.pipeline.definition.model.TriggerSpec;
import io.opsplane.pipeline.definition.model.When;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A job as read, before {@code parallel} expansion names its instances and before the names in {@code needs} and
 * {@code dependencies} are resolved against the whole pipeline.
 */
record JobDraft(String name, Position position, String stage, Position stagePosition, List<String> beforeScript,
        List<String> script, List<String> afterScript, Map<String, String> variables, Set<String> rawVariables,
        InheritedVariables inheritedVariables, List<RuleSpec> rules, Optional<OnlyExceptSpec> only,
        Optional<OnlyExceptSpec> except, When when, Duration startIn, AllowFailureSpec allowFailure, RetrySpec retry,
        Optional<Duration> timeout, Optional<List<NeedRef>> needs, Position needsPosition,
        Optional<List<JobRef>> dependencies, Optional<ArtifactsSpec> artifacts, List<CacheSpec> cache,
        String resourceGroup, boolean interruptible, Optional<EnvironmentSpec> environment, List<String> tags,
        String coverage, Optional<TriggerSpec> trigger, String image, List<String> services, Parallel parallel,
        Map<String, String> secrets) {
}
