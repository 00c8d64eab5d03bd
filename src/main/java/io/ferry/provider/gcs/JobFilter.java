package io.ferry.provider.gcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** transferJobs.list's required {@code filter}: projectId, optional job names and job statuses. */
public record JobFilter(String projectId, List<String> jobNames, List<String> jobStatuses) {
    public static final Set<String> JOB_STATUSES = Set.of("ENABLED", "DISABLED", "DELETED");

    public JobFilter {
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException("a project id is required to list transfer jobs (--project)");
        }
        projectId = projectId.trim();
        jobNames = jobNames == null ? List.of() : jobNames.stream().map(GcsNames::job).toList();
        jobStatuses = jobStatuses == null ? List.of() : jobStatuses.stream().map(JobFilter::status).toList();
    }

    private static String status(String raw) {
        String s = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        if (!JOB_STATUSES.contains(s)) {
            throw new IllegalArgumentException("unknown job status \"" + raw + "\"; use enabled, disabled or deleted");
        }
        return s;
    }

    public String toJson() {
        ObjectNode n = StsJson.mapper().createObjectNode();
        n.put("projectId", projectId);
        if (!jobNames.isEmpty()) {
            jobNames.forEach(n.putArray("jobNames")::add);
        }
        if (!jobStatuses.isEmpty()) {
            jobStatuses.forEach(n.putArray("jobStatuses")::add);
        }
        try {
            return StsJson.mapper().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
