package io.opsplane.observability.rules.template;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The parse tree of a template, shaped like Go's text/template/parse nodes; {@code toString()}
 * renders a node as Go does in "executing ... at &lt;node&gt;" errors.
 */
interface TemplateNode {

    record ListNode(List<TemplateNode> nodes) implements TemplateNode {
    }

    record TextNode(String text) implements TemplateNode {
    }

    record ActionNode(int position, int line, Pipeline pipeline) implements TemplateNode {
    }

    enum BranchKind { IF, WITH, RANGE }

    /** if, with and range: run {@code list} (or {@code elseList}) depending on the pipeline's value. */
    record BranchNode(BranchKind kind, int position, Pipeline pipeline, ListNode list, ListNode elseList)
            implements TemplateNode {
    }

    record BreakNode(int position) implements TemplateNode {
    }

    /** {@code {{template "name" pipeline}}}; {@code pipeline} is null when none is given. */
    record TemplateCall(int position, String name, Pipeline pipeline) implements TemplateNode {
        @Override
        public String toString() {
            return "{{template " + io.opsplane.observability.promql.GoQuoting.quote(name)
                    + (pipeline == null ? "" : " " + pipeline) + "}}";
        }
    }

    /** A parsed template text: its main list and the templates it defines by name. */
    record Parsed(ListNode root, java.util.Map<String, ListNode> definitions) {
    }

    record ContinueNode(int position) implements TemplateNode {
    }

    /** {@code $a, $b := cmd | cmd}; {@code assign} for "=" rather than ":=". */
    record Pipeline(int position, boolean assign, List<Operand.Variable> declarations, List<Command> commands)
            implements Operand {
        @Override
        public String toString() {
            String decls = declarations.isEmpty() ? ""
                    : declarations.stream().map(Object::toString).collect(Collectors.joining(", "))
                            + (assign ? " = " : " := ");
            return decls + commands.stream().map(Object::toString).collect(Collectors.joining(" | "));
        }
    }

    record Command(int position, List<Operand> args) {
        @Override
        public String toString() {
            return args.stream()
                    .map(a -> a instanceof Pipeline ? "(" + a + ")" : a.toString())
                    .collect(Collectors.joining(" "));
        }
    }

    /** What a command is made of. */
    sealed interface Operand extends TemplateNode
            permits Pipeline, Operand.Field, Operand.Variable, Operand.Dot, Operand.Nil, Operand.Bool,
            Operand.Number, Operand.Text, Operand.Identifier, Operand.Chain {

        int position();

        record Field(int position, List<String> names) implements Operand {
            @Override
            public String toString() {
                return names.stream().map(n -> "." + n).collect(Collectors.joining());
            }
        }

        /** {@code $x.a.b}: the variable name with its leading "$", then field names. */
        record Variable(int position, List<String> names) implements Operand {
            @Override
            public String toString() {
                return String.join(".", names);
            }
        }

        record Dot(int position) implements Operand {
            @Override
            public String toString() {
                return ".";
            }
        }

        record Nil(int position) implements Operand {
            @Override
            public String toString() {
                return "nil";
            }
        }

        record Bool(int position, boolean value) implements Operand {
            @Override
            public String toString() {
                return Boolean.toString(value);
            }
        }

        /** A number as written, with the integer value when it is one and the float value when it can be. */
        record Number(int position, String text, Long intValue, Double floatValue, boolean isCharConstant)
                implements Operand {
            @Override
            public String toString() {
                return text;
            }
        }

        record Text(int position, String quoted, String value) implements Operand {
            @Override
            public String toString() {
                return quoted;
            }
        }

        /** A function name. */
        record Identifier(int position, String name) implements Operand {
            @Override
            public String toString() {
                return name;
            }
        }

        /** {@code (pipeline).a.b}: fields of a computed value. */
        record Chain(int position, Operand node, List<String> fields) implements Operand {
            @Override
            public String toString() {
                String base = node instanceof Pipeline ? "(" + node + ")" : node.toString();
                return base + fields.stream().map(f -> "." + f).collect(Collectors.joining());
            }
        }
    }
}
