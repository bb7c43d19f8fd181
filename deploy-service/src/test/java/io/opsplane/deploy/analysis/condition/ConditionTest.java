package io.opsplane.deploy.analysis.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {

    /** "3" is a number; "[1;2]" a list; "[]" an empty list; "NaN" works in both. */
    private static MetricValue value(String text) {
        if (!text.startsWith("[")) {
            return MetricValue.number(Double.parseDouble(text));
        }
        String inner = text.substring(1, text.length() - 1);
        return MetricValue.list(inner.isEmpty() ? List.of() : Arrays.stream(inner.split(";")).map(Double::valueOf).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '~', value = {
            "result < 0.01                         ~ 0.005      ~ true",
            "result < 0.01                         ~ 0.01       ~ false",
            "result <= 0.01                        ~ 0.01       ~ true",
            "result >= 99                          ~ 99.5       ~ true",
            "result > 1e-3                         ~ 0.002      ~ true",
            "result == 2                           ~ 2          ~ true",
            "result != 2                           ~ 2          ~ false",
            "result[0] < 0.5                       ~ [0.4;0.9]  ~ true",
            "result[1] < 0.5                       ~ [0.4;0.9]  ~ false",
            "result[2 - 1] > result[0]             ~ [0.4;0.9]  ~ true",
            "len(result) == 2                      ~ [0.4;0.9]  ~ true",
            "len(result) == 0                      ~ []         ~ true",
            "len(result) == 0 || result[0] < 1     ~ []         ~ true",
            "len(result) > 0 && result[0] < 1      ~ []         ~ false",
            "!(result > 1)                         ~ 0.5        ~ true",
            "!!(result > 1)                        ~ 0.5        ~ false",
            "result * 100 >= 99                    ~ 0.995      ~ true",
            "(result + 1) / 2 == 1                 ~ 1          ~ true",
            "1 + 2 * 3 == 7                        ~ 0          ~ true",
            "-result < 0                           ~ 3          ~ true",
            "10 - 4 - 3 == 3                       ~ 0          ~ true",
            "12 / 3 / 2 == 2                       ~ 0          ~ true",
            "result > 1 || result < 0 && result > 5 ~ 2         ~ true",
            "(result > 1 || result < 0) && result > 5 ~ 2       ~ false",
    })
    void evaluatesOverANumberOrAList(String condition, String result, boolean expected) {
        assertEquals(expected, ConditionParser.parse("successCondition", condition).isMetBy(value(result)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '~', value = {
            "result < 0.01     ~ NaN",
            "result[0] < 0.01  ~ [NaN]",
            "result[0] > 0.01  ~ []",
            "result * 2 > 1    ~ NaN",
    })
    void noDataIsReportedNotGuessed(String condition, String result) {
        assertThrows(NoDataException.class, () -> ConditionParser.parse("f", condition).isMetBy(value(result)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '~', value = {
            "result < 1        ~ [1;2]",
            "result[0] < 1     ~ 3",
            "result[2] < 1     ~ [1;2]",
            "result[0.5] < 1   ~ [1;2]",
            "result[-1] < 1    ~ [1;2]",
            "len(result) > 1   ~ 3",
            "result            ~ 1",
            "result + 1        ~ 1",
            "result && 1 < 2   ~ 1",
            "!result           ~ 1",
            "result / 0 > 1    ~ 1",
    })
    void conditionsThatDoNotFitTheResultAreEvaluationErrors(String condition, String result) {
        assertThrows(ConditionEvaluationException.class, () -> ConditionParser.parse("f", condition).isMetBy(value(result)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '~', nullValues = "NULL", value = {
            "NULL                 ~ 1",
            "'   '                ~ 1",
            "result <             ~ 9",
            "result < 0.01 )      ~ 15",
            "(result < 1          ~ 12",
            "result[0 < 1         ~ 13",
            "len result           ~ 5",
            "foo > 1              ~ 1",
            "result > 1 $         ~ 12",
            "result = 1           ~ 8",
            "result & 1           ~ 8",
            "1.2.3 > result       ~ 1",
            "result < 1 2         ~ 12",
            "len(result           ~ 11",
            "*result              ~ 1",
    })
    void malformedConditionsNameTheFieldAndColumn(String condition, int column) {
        ConditionSyntaxException error = assertThrows(ConditionSyntaxException.class,
                () -> ConditionParser.parse("metrics[0].successCondition", condition));
        assertEquals("metrics[0].successCondition", error.field());
        assertEquals(column, error.column(), error.getMessage());
    }

    @org.junit.jupiter.api.Test
    void deepNestingAndHugeConditionsAreRefused() {
        assertTrue(assertThrows(ConditionSyntaxException.class,
                () -> ConditionParser.parse("c", "!".repeat(60) + "(result > 1)")).getMessage().contains("nested"));
        assertTrue(assertThrows(ConditionSyntaxException.class,
                () -> ConditionParser.parse("c", "result > 1 ".repeat(100))).getMessage().contains("longer"));
    }
}
