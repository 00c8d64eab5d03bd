package io.ferry.provider.ims;

import java.util.Locale;
import java.util.Optional;

/** Which job query to use. */
public enum ImsJobApi {
    /** {@code GET /v1/{project_id}/jobs/{job_id}}: seed 004, OTC's documented API. */
    JOBS,
    /**
     * {@code GET /v1/cloudimages/job/{job_id}}: Huawei's progress API with process_percent and current_task; falls
     * back to {@link #JOBS} when the endpoint answers 404 or 405.
     */
    PROGRESS;

    public static Optional<ImsJobApi> parse(String s) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(s.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
