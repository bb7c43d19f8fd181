package io.opsplane.observability.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule file that cannot be loaded, with every problem found, each naming where. */
public final class RuleFileException extends IllegalArgumentException {

    private final List<RuleFileProblem> problems;

    public RuleFileException(String file, List<RuleFileProblem> problems) {
        super(problems.stream().map(p -> file + ": " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleFileProblem> problems() {
        return problems;
    }
}
