package io.ferry.provider.element;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * GetAsyncResult's result: {@code status} (running | complete), the task's {@code result} on success or its
 * {@code error} on failure, {@code resultType} (BulkVolume, Clone…), and the times. Absent text is "".
 */
public record AsyncResult(
        String status,
        String resultType,
        String createTime,
        String lastUpdateTime,
        String resultMessage,
        String errorName,
        String errorMessage,
        JsonNode raw) {

    public static AsyncResult from(JsonNode n) {
        JsonNode result = n.path("result");
        JsonNode error = n.path("error");
        return new AsyncResult(
                Json.text(n, "status"),
                Json.text(n, "resultType"),
                Json.text(n, "createTime"),
                Json.text(n, "lastUpdateTime"),
                Json.text(result, "message"),
                Json.text(error, "name"),
                Json.text(error, "message"),
                n);
    }

    public boolean failed() {
        return raw.hasNonNull("error");
    }

    public boolean hasResult() {
        return raw.hasNonNull("result");
    }
}
