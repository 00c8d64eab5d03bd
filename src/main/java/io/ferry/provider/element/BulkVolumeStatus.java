package io.ferry.provider.element;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** UpdateBulkVolumeStatus' result (seed 003): the session's status, its attributes, and the node URL while active. */
public record BulkVolumeStatus(String status, Map<String, String> attributes, String url) {
    public BulkVolumeStatus {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static BulkVolumeStatus from(JsonNode n) {
        return new BulkVolumeStatus(Json.text(n, "status"), Json.flatten(n.get("attributes")), Json.text(n, "url"));
    }
}
