package io.opsplane.observability.promql;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's strconv.FormatFloat for the 'e', 'f' and 'g' formats, shortest (precision -1) or with a
 * precision, so that numbers in alert texts read exactly as Prometheus writes them
 * (0.5 → "0.5", 1e6 → "1e+06", %.4g of 1.2345 → "1.234") and queries print as Prometheus prints them. Digits
 * come from the exact binary value rounded half to even, as Go's decimal conversion does. Infinities and NaN are
 * the caller's.
 */
public final class GoFloats {

    /** Decimal digits without trailing zeros and the position of the decimal point (Go's decimal{d, nd, dp}). */
    private record Digits(String digits, int point) {
        int count() {
            return digits.length();
        }
    }

    private GoFloats() {
    }

    public static String format(double value, char format, int precision) {
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        double abs = Math.abs(value);
        boolean shortest = precision < 0;
        Digits digits;
        int prec = precision;
        if (shortest) {
            digits = shortestDigits(abs);
            prec = switch (format) {
                case 'e' -> Math.max(digits.count() - 1, 0);
                case 'f' -> Math.max(digits.count() - digits.point(), 0);
                default -> digits.count();
            };
        } else {
            digits = switch (format) {
                case 'e' -> significant(abs, prec + 1);
                case 'f' -> fixed(abs, prec);
                default -> significant(abs, prec == 0 ? 1 : prec);
            };
            if (format == 'g' && prec == 0) {
                prec = 1;
            }
        }
        String body = switch (format) {
            case 'e' -> formatE(digits, prec);
            case 'f' -> formatF(digits, prec);
            default -> formatG(digits, prec, shortest);
        };
        return negative ? "-" + body : body;
    }

    private static String formatG(Digits digits, int precision, boolean shortest) {
        int prec = precision;
        int eprec = prec;
        if (eprec > digits.count() && digits.count() >= digits.point()) {
            eprec = digits.count();
        }
        if (shortest) {
            eprec = 6;
        }
        int exp = digits.point() - 1;
        if (exp < -4 || exp >= eprec) {
            if (prec > digits.count()) {
                prec = digits.count();
            }
            return formatE(digits, Math.max(prec - 1, 0));
        }
        if (prec > digits.point()) {
            prec = digits.count();
        }
        return formatF(digits, Math.max(prec - digits.point(), 0));
    }

    private static String formatE(Digits digits, int prec) {
        StringBuilder out = new StringBuilder();
        out.append(digits.count() == 0 ? '0' : digits.digits().charAt(0));
        if (prec > 0) {
            out.append('.');
            for (int i = 1; i <= prec; i++) {
                out.append(i < digits.count() ? digits.digits().charAt(i) : '0');
            }
        }
        int exp = digits.count() == 0 ? 0 : digits.point() - 1;
        out.append('e').append(exp < 0 ? '-' : '+');
        int absExp = Math.abs(exp);
        if (absExp < 10) {
            out.append('0');
        }
        return out.append(absExp).toString();
    }

    private static String formatF(Digits digits, int prec) {
        StringBuilder out = new StringBuilder();
        if (digits.point() > 0) {
            for (int i = 0; i < digits.point(); i++) {
                out.append(i < digits.count() ? digits.digits().charAt(i) : '0');
            }
        } else {
            out.append('0');
        }
        if (prec > 0) {
            out.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = digits.point() + i - 1;
                out.append(j >= 0 && j < digits.count() ? digits.digits().charAt(j) : '0');
            }
        }
        return out.toString();
    }

    private static Digits shortestDigits(double abs) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        BigDecimal exact = new BigDecimal(abs);
        for (int p = 1; p < 17; p++) {
            BigDecimal rounded = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == abs) {
                return digitsOf(rounded);
            }
        }
        return digitsOf(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    private static Digits significant(double abs, int count) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        return digitsOf(new BigDecimal(abs).round(new MathContext(count, RoundingMode.HALF_EVEN)));
    }

    private static Digits fixed(double abs, int decimals) {
        return digitsOf(new BigDecimal(abs).setScale(decimals, RoundingMode.HALF_EVEN));
    }

    private static Digits digitsOf(BigDecimal value) {
        if (value.signum() == 0) {
            return new Digits("", 0);
        }
        BigDecimal stripped = value.stripTrailingZeros();
        String unscaled = stripped.unscaledValue().toString();
        return new Digits(unscaled, unscaled.length() - stripped.scale());
    }
}
