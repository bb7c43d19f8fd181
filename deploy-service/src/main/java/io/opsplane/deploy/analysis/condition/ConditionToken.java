package io.opsplane.deploy.analysis.condition;

import java.util.ArrayList;
import java.util.List;

/** One lexical token of a condition with its 1-based column. */
record ConditionToken(Kind kind, String text, int column) {

    enum Kind { NUMBER, NAME, OPERATOR, END }

    private static final List<String> OPERATORS = List.of(
            "&&", "||", "<=", ">=", "==", "!=", "<", ">", "!", "+", "-", "*", "/", "(", ")", "[", "]");

    boolean is(String operator) {
        return kind == Kind.OPERATOR && text.equals(operator);
    }

    static List<ConditionToken> scan(String field, String text) {
        List<ConditionToken> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int end = numberEnd(text, i);
                if (!isNumber(text.substring(i, end))) {
                    throw new ConditionSyntaxException(field, i + 1, "malformed number '" + text.substring(i, end) + "'");
                }
                tokens.add(new ConditionToken(Kind.NUMBER, text.substring(i, end), i + 1));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new ConditionToken(Kind.NAME, text.substring(i, end), i + 1));
                i = end;
            } else {
                String operator = operatorAt(text, i);
                if (operator == null) {
                    throw new ConditionSyntaxException(field, i + 1, "unexpected character '" + c + "'");
                }
                tokens.add(new ConditionToken(Kind.OPERATOR, operator, i + 1));
                i += operator.length();
            }
        }
        tokens.add(new ConditionToken(Kind.END, "", text.length() + 1));
        return tokens;
    }

    private static int numberEnd(String text, int start) {
        int end = start;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        if (end < text.length() && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
            int exponent = end + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < text.length() && Character.isDigit(text.charAt(exponent))) {
                end = exponent;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
            }
        }
        return end;
    }

    private static boolean isNumber(String candidate) {
        try {
            return Double.isFinite(Double.parseDouble(candidate));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String operatorAt(String text, int i) {
        for (String operator : OPERATORS) {
            if (text.startsWith(operator, i)) {
                return operator;
            }
        }
        return null;
    }
}
