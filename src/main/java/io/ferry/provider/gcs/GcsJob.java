package io.ferry.provider.gcs;

import java.time.Instant;
import java.util.Objects;

/**
 * A Storage Transfer job (cloud-apis.md §1.5), the fields an operator picks a job by.
 *
 * @param status              ENABLED, DISABLED or DELETED, as received
 * @param latestOperationName empty until the job has run once
 * @param repeatInterval      the schedule's repeat interval ("3600s"), or "" for a one-off job
 */
public record GcsJob(
        String name,
        String description,
        String projectId,
        String status,
        String source,
        String sink,
        String latestOperationName,
        String repeatInterval,
        Instant creationTime,
        Instant lastModificationTime) {
    public GcsJob {
        name = Objects.requireNonNullElse(name, "");
        description = Objects.requireNonNullElse(description, "");
        projectId = Objects.requireNonNullElse(projectId, "");
        status = Objects.requireNonNullElse(status, "");
        source = Objects.requireNonNullElse(source, "");
        sink = Objects.requireNonNullElse(sink, "");
        latestOperationName = Objects.requireNonNullElse(latestOperationName, "");
        repeatInterval = Objects.requireNonNullElse(repeatInterval, "");
    }

    public String shortName() {
        return GcsNames.stripJobPrefix(name);
    }
}
