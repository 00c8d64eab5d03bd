package io.ferry.provider.ims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IMS asynchronous job as returned by {@code GET /v1/{project_id}/jobs/{job_id}} (seed 004) or
 * {@code GET /v1/cloudimages/job/{job_id}} (adds process_percent and current_task). Every field is optional:
 * absent or null text is "", an absent percent is NaN. Times are kept as sent (old OTC examples are not ISO
 * 8601). {@code otherEntities} keeps entity fields this class does not name (addition_error_code, alarm_code…).
 */
public record ImsJob(
        String jobId,
        String jobType,
        String status,
        String beginTime,
        String endTime,
        String errorCode,
        String failReason,
        String imageId,
        String imageName,
        double processPercent,
        String currentTask,
        List<MemberResult> results,
        List<ImsJob> subJobs,
        List<String> subJobIds,
        Map<String, String> otherEntities) {

    /** One {@code entities.results[]} entry: a member job of an image-sharing job. */
    public record MemberResult(String imageId, String projectId, String status) {}

    private static final Set<String> NAMED = Set.of("image_id", "image_name", "process_percent", "current_task",
            "results", "sub_jobs_result", "sub_jobs_list");

    public ImsJob {
        results = List.copyOf(results);
        subJobs = List.copyOf(subJobs);
        subJobIds = List.copyOf(subJobIds);
        otherEntities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(otherEntities));
    }

    public static ImsJob from(JsonNode n) {
        JsonNode e = n.path("entities");
        List<MemberResult> results = new ArrayList<>();
        for (JsonNode r : e.path("results")) {
            results.add(new MemberResult(text(r, "image_id"), text(r, "project_id"), text(r, "status")));
        }
        List<ImsJob> subs = new ArrayList<>();
        for (JsonNode s : e.path("sub_jobs_result")) {
            subs.add(from(s));
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode s : e.path("sub_jobs_list")) {
            if (s.isValueNode() && !s.isNull()) {
                ids.add(s.asText());
            }
        }
        Map<String, String> other = new LinkedHashMap<>();
        if (e.isObject()) {
            e.properties().forEach(p -> {
                if (!NAMED.contains(p.getKey()) && !p.getValue().isNull()) {
                    other.put(p.getKey(), p.getValue().isValueNode() ? p.getValue().asText() : p.getValue().toString());
                }
            });
        }
        return new ImsJob(text(n, "job_id"), text(n, "job_type"), text(n, "status"), text(n, "begin_time"),
                text(n, "end_time"), text(n, "error_code"), text(n, "fail_reason"), text(e, "image_id"),
                text(e, "image_name"), number(e, "process_percent"), text(e, "current_task"), results, subs, ids, other);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asText().trim().replace("%", ""));
        } catch (NumberFormatException x) {
            return Double.NaN;
        }
    }
}
