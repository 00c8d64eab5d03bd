package io.ferry.provider.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.OptionalLong;

/** Numbers from vendors' JSON read exactly, whether sent as JSON numbers or as decimal strings. */
public final class JsonValues {
    private JsonValues() {}

    /**
     * A whole number sent as a JSON number or a decimal string ("42", "4.2e1"), exactly; empty when absent, JSON
     * null, of another type, or not a whole number that fits a long (a fraction, 2^63, 1e400, NaN). Never rounded
     * through a double, never wrapped.
     */
    public static OptionalLong exactLong(JsonNode v) {
        if (v == null || v.isNull() || !(v.isNumber() || v.isTextual())) {
            return OptionalLong.empty();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? OptionalLong.of(v.longValue()) : OptionalLong.empty();
        }
        if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) {
            return OptionalLong.empty();
        }
        try {
            BigDecimal d = new BigDecimal(v.asText().trim());
            // more than 19 integer digits cannot fit a long; checked first so 1e999999999 is never expanded
            if (d.precision() - d.scale() > 19) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(d.longValueExact());
        } catch (NumberFormatException | ArithmeticException notALong) {
            return OptionalLong.empty();
        }
    }
}
