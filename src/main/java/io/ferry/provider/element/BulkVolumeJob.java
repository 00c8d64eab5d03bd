package io.ferry.provider.element;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of ListBulkVolumeJobs' {@code bulkVolumeJobs[]}. Numbers are read leniently (the docs call
 * elapsedTime a string and show an integer); absent numbers are -1, absent text "". {@code attributes} keeps the
 * job's attributes object as text values (nested values as their JSON).
 */
public record BulkVolumeJob(
        String key,
        String status,
        String type,
        String format,
        long bulkVolumeID,
        long srcVolumeID,
        long snapshotID,
        String script,
        String createTime,
        double percentComplete,
        long elapsedTime,
        long remainingTime,
        Map<String, String> attributes) {

    public BulkVolumeJob {
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public static BulkVolumeJob from(JsonNode n) {
        return new BulkVolumeJob(
                Json.text(n, "key"),
                Json.text(n, "status"),
                Json.text(n, "type"),
                Json.text(n, "format"),
                Json.longValue(n, "bulkVolumeID"),
                Json.longValue(n, "srcVolumeID"),
                Json.longValue(n, "snapshotID"),
                Json.text(n, "script"),
                Json.text(n, "createTime"),
                Json.doubleValue(n, "percentComplete"),
                Json.longValue(n, "elapsedTime"),
                Json.longValue(n, "remainingTime"),
                Json.flatten(n.get("attributes")));
    }

    /** A numeric job attribute (nLbas, nextLba…), or -1. */
    public long attributeLong(String name) {
        try {
            return Long.parseLong(attributes.getOrDefault(name, "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
