package io.ferry.provider.element;

import io.ferry.domain.Rfc3339;
import io.ferry.domain.Transfer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts what the cluster says about a bulk volume job onto a {@link Transfer}: native status, percent, the job's
 * identity and timings as attributes, the job's own attributes under {@code attributes.<name>}, and bytes when
 * the LBA attributes are present. The phase is not set here: the provider reports it through
 * {@code TransferContext.observe}.
 */
public final class ElementJobMapper {
    /** Element volumes are addressed in 4 KiB blocks (StartBulkVolumeRead's range.blocks = bytes / 4096). */
    static final long BLOCK = 4096;

    private ElementJobMapper() {}

    public static Transfer apply(Transfer t, BulkVolumeJob job) {
        Map<String, String> a = new LinkedHashMap<>(t.attributes());
        put(a, "key", job.key());
        put(a, "type", job.type());
        put(a, "format", job.format());
        putNum(a, "bulkVolumeID", job.bulkVolumeID());
        putNum(a, "srcVolumeID", job.srcVolumeID());
        putNum(a, "snapshotID", job.snapshotID());
        put(a, "script", job.script());
        put(a, "createTime", job.createTime());
        putNum(a, "elapsedTime", job.elapsedTime());
        putNum(a, "remainingTime", job.remainingTime());
        job.attributes().forEach((k, v) -> a.put("attributes." + k, v));
        Transfer out = t.withNativeStatus(job.status()).withAttributes(a);
        if (job.percentComplete() >= 0) {
            out = out.withPercent(Math.max(0.0, Math.min(100.0, job.percentComplete()))); // -0.0 shows as 0
        }
        long nLbas = job.attributeLong("nLbas");
        long start = Math.max(0, job.attributeLong("startLba"));
        long firstPending = job.attributeLong("firstPendingLba");
        long next = firstPending >= 0 ? firstPending : job.attributeLong("nextLba");
        // a block count too large for bytes in a long (no real volume) is left out rather than wrapped negative
        if (nLbas > 0 && nLbas <= Long.MAX_VALUE / BLOCK && next >= start) {
            out = out.withBytes(Math.min(nLbas, next - start) * BLOCK, nLbas * BLOCK);
        }
        if (out.started() == null) {
            var created = Rfc3339.tryParse(job.createTime());
            if (created.isPresent()) {
                out = out.withTimes(created.get(), out.ended());
            }
        }
        return out;
    }

    /** What GetAsyncResult says once the job has left ListBulkVolumeJobs. */
    public static Transfer apply(Transfer t, AsyncResult r) {
        Map<String, String> a = new LinkedHashMap<>(t.attributes());
        put(a, "asyncStatus", r.status());
        put(a, "resultType", r.resultType());
        put(a, "lastUpdateTime", r.lastUpdateTime());
        Transfer out = t.withNativeStatus(r.status()).withAttributes(a);
        if (r.failed()) {
            out = out.withMessage(r.errorMessage().isEmpty() ? r.errorName() : r.errorMessage());
        } else if (!r.resultMessage().isEmpty()) {
            out = out.withMessage(r.resultMessage());
        }
        if ("complete".equalsIgnoreCase(r.status()) && !r.failed()) {
            out = out.withPercent(100);
        }
        return out;
    }

    /** What UpdateBulkVolumeStatus returns (seed 003): the session status, attributes and the node's URL. */
    public static Transfer apply(Transfer t, BulkVolumeStatus s) {
        Map<String, String> a = new LinkedHashMap<>(t.attributes());
        put(a, "url", s.url());
        s.attributes().forEach((k, v) -> a.put("attributes." + k, v));
        return t.withNativeStatus(s.status()).withAttributes(a);
    }

    private static void put(Map<String, String> a, String k, String v) {
        if (v != null && !v.isEmpty()) {
            a.put(k, v);
        }
    }

    private static void putNum(Map<String, String> a, String k, long v) {
        if (v >= 0) {
            a.put(k, Long.toString(v));
        }
    }
}
