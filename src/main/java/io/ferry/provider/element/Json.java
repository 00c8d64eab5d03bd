package io.ferry.provider.element;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.provider.remote.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lenient reads from Jackson trees: absent or null text is "", absent or unparsable numbers are -1. */
final class Json {
    private Json() {}

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    /**
     * A whole number sent as a JSON number or a decimal string, exactly; -1 when absent or not a whole number that
     * fits a long (a fraction, 2^63, 1e400, NaN): never rounded through a double, never wrapped.
     */
    static long longValue(JsonNode n, String field) {
        return JsonValues.exactLong(n == null ? null : n.get(field)).orElse(-1);
    }

    static double doubleValue(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return -1;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asText().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** An object's fields as text (scalars as their text, nested values as JSON); empty for anything else. */
    static Map<String, String> flatten(JsonNode obj) {
        Map<String, String> m = new LinkedHashMap<>();
        if (obj != null && obj.isObject()) {
            obj.properties().forEach(e -> m.put(e.getKey(),
                    e.getValue().isNull() ? "" : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        }
        return m;
    }
}
