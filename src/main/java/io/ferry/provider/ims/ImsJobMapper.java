package io.ferry.provider.ims;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.Rfc3339;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts an IMS job onto a {@link Transfer}: native status, percent (process_percent when the progress API gives
 * it), message (fail_reason, else current_task), attributes (job_id, job_type, image_id, image_name, current_task,
 * the raw times and percent, other entity fields as {@code entities.<name>}), and sub-jobs: one per
 * {@code sub_jobs_result} entry with its own phase, one in {@code initializing} per {@code sub_jobs_list} id not
 * yet in the results, and one per {@code results[]} member job. The phase itself is reported by the provider.
 */
public final class ImsJobMapper {
    /** SubJob type of an {@code entities.results[]} entry. */
    public static final String MEMBER = "imageMember";

    /** One error of a failed job or sub-job, ready for the breakdown. */
    public record JobError(ErrorCode code, ErrorLogEntry sample) {}

    private ImsJobMapper() {}

    public static Transfer apply(Transfer t, ImsJob job) {
        Map<String, String> a = new LinkedHashMap<>(t.attributes());
        put(a, "job_id", job.jobId());
        put(a, "job_type", job.jobType());
        put(a, "image_id", job.imageId());
        put(a, "image_name", job.imageName());
        put(a, "current_task", job.currentTask());
        put(a, "begin_time", job.beginTime());
        put(a, "end_time", job.endTime());
        put(a, "error_code", job.errorCode());
        if (!Double.isNaN(job.processPercent())) {
            a.put("process_percent", fmt(job.processPercent()));
        }
        job.otherEntities().forEach((k, v) -> a.put("entities." + k, v));
        Transfer out = t.withNativeStatus(job.status()).withAttributes(a).withSubJobs(subJobs(job));
        double pct = percent(job);
        if (pct >= 0) {
            out = out.withPercent(pct);
        }
        if (!job.failReason().isEmpty()) {
            out = out.withMessage(job.failReason());
        } else if (!job.currentTask().isEmpty()) {
            out = out.withMessage(job.currentTask());
        }
        Instant begin = time(job.beginTime());
        Instant end = time(job.endTime());
        if (begin != null || end != null) {
            out = out.withTimes(begin != null ? begin : out.started(), end != null ? end : out.ended());
        }
        return out;
    }

    /**
     * 0–100 or -1. process_percent ≤ 1 is read as a fraction (OTC's example sends 0.24), above 1 as a percent; a
     * SUCCESS job is 100.
     */
    static double percent(ImsJob job) {
        if (ImsStatusMapping.map(job.status()).phase() == TransferPhase.FINISHED_SUCCESS) {
            return 100;
        }
        double p = job.processPercent();
        if (Double.isNaN(p) || p < 0) {
            return -1;
        }
        return Math.max(0.0, Math.min(100, p <= 1.0 ? p * 100 : p)); // max: -0.0 shows as 0, not "-0"
    }

    public static List<SubJob> subJobs(ImsJob job) {
        List<SubJob> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ImsJob s : job.subJobs()) {
            seen.add(s.jobId());
            Map<String, String> attrs = new LinkedHashMap<>();
            put(attrs, "image_id", s.imageId());
            put(attrs, "image_name", s.imageName());
            put(attrs, "current_task", s.currentTask());
            if (!Double.isNaN(s.processPercent())) {
                attrs.put("process_percent", fmt(s.processPercent()));
            }
            s.otherEntities().forEach((k, v) -> attrs.put("entities." + k, v));
            out.add(new SubJob(s.jobId(), s.jobType(), ImsStatusMapping.map(s.status()).phase(), s.status(),
                    time(s.beginTime()), time(s.endTime()), s.errorCode(), s.failReason(), attrs));
        }
        for (String id : job.subJobIds()) {
            if (seen.add(id)) {
                out.add(new SubJob(id, "", TransferPhase.INITIALIZING, "", null, null, "", "",
                        Map.of("note", "listed in sub_jobs_list, no result yet")));
            }
        }
        for (ImsJob.MemberResult r : job.results()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            put(attrs, "image_id", r.imageId());
            put(attrs, "project_id", r.projectId());
            String id = !r.projectId().isEmpty() ? r.projectId() : r.imageId();
            out.add(new SubJob(id, MEMBER, ImsStatusMapping.map(r.status()).phase(), r.status(), null, null, "", "", attrs));
        }
        return out;
    }

    /** The breakdown entries of a job: its own failure and each failed sub-job's, vendor code and reason kept. */
    public static List<JobError> errors(ImsJob job, String url) {
        List<JobError> out = new ArrayList<>();
        if (failed(job)) {
            out.add(error(job, url));
        }
        for (ImsJob s : job.subJobs()) {
            if (failed(s)) {
                out.add(error(s, url));
            }
        }
        for (ImsJob.MemberResult r : job.results()) {
            if (ImsStatusMapping.map(r.status()).phase() == TransferPhase.FINISHED_FAILURE) {
                out.add(new JobError(ErrorCode.UNKNOWN, new ErrorLogEntry(url, List.of(
                        "member job failed: image " + r.imageId() + ", project " + r.projectId(), "status: " + r.status()))));
            }
        }
        return out;
    }

    private static boolean failed(ImsJob j) {
        return ImsStatusMapping.map(j.status()).phase() == TransferPhase.FINISHED_FAILURE;
    }

    private static JobError error(ImsJob j, String url) {
        List<String> details = new ArrayList<>();
        details.add(j.failReason().isEmpty() ? "job failed without a fail_reason" : j.failReason());
        details.add("error_code: " + (j.errorCode().isEmpty() ? "(none)" : j.errorCode()));
        details.add("job: " + j.jobId() + " (" + j.jobType() + ")");
        return new JobError(ImsErrorCodes.map(j.errorCode()), new ErrorLogEntry(url, details));
    }

    private static Instant time(String raw) {
        return raw == null || raw.isBlank() ? null : Rfc3339.tryParse(raw).orElse(null);
    }

    private static void put(Map<String, String> a, String k, String v) {
        if (v != null && !v.isEmpty()) {
            a.put(k, v);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
