package io.ferry.provider.gcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * transferOperations.list's required {@code filter} (cloud-apis.md §1.3): projectId, and optionally full job
 * names, full operation names and statuses. Names get their prefix when given without one. Only IN_PROGRESS,
 * PAUSED, SUCCESS, FAILED and ABORTED can be filtered on (QUEUED and SUSPENDING cannot).
 */
public record OperationFilter(String projectId, List<String> jobNames, List<String> operationNames, List<String> transferStatuses) {
    public static final Set<String> FILTERABLE_STATUSES = Set.of("IN_PROGRESS", "PAUSED", "SUCCESS", "FAILED", "ABORTED");

    public OperationFilter {
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException("a project id is required to list transfer operations (--project)");
        }
        projectId = projectId.trim();
        jobNames = jobNames == null ? List.of() : jobNames.stream().map(GcsNames::job).toList();
        operationNames = operationNames == null ? List.of() : operationNames.stream().map(GcsNames::operation).toList();
        transferStatuses = transferStatuses == null ? List.of() : transferStatuses.stream().map(OperationFilter::status).toList();
    }

    public static OperationFilter project(String projectId) {
        return new OperationFilter(projectId, List.of(), List.of(), List.of());
    }

    private static String status(String raw) {
        String s = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        if (!FILTERABLE_STATUSES.contains(s)) {
            throw new IllegalArgumentException("cannot filter operations by status \"" + raw + "\"; use one of "
                    + "in_progress, paused, success, failed, aborted (QUEUED and SUSPENDING cannot be filtered on)");
        }
        return s;
    }

    /** The filter as compact JSON, camelCase keys, empty lists left out. */
    public String toJson() {
        ObjectNode n = StsJson.mapper().createObjectNode();
        n.put("projectId", projectId);
        if (!jobNames.isEmpty()) {
            jobNames.forEach(n.putArray("jobNames")::add);
        }
        if (!operationNames.isEmpty()) {
            operationNames.forEach(n.putArray("operationNames")::add);
        }
        if (!transferStatuses.isEmpty()) {
            transferStatuses.forEach(n.putArray("transferStatuses")::add);
        }
        try {
            return StsJson.mapper().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
