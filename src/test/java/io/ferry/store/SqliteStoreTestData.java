package io.ferry.store;

import io.ferry.domain.Counter;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorBreakdown;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferCounters;
import io.ferry.domain.TransferPhase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A transfer that uses every field: counters above 2^53, a capped breakdown, sub-jobs, unicode, a long history. */
public final class SqliteStoreTestData {
    private SqliteStoreTestData() {}

    /** In paused_system, with seven PERMISSION_DENIED errors (five samples) and one UNAVAILABLE. */
    public static Transfer rich(String id) {
        Instant t0 = Instant.parse("2026-11-23T10:00:00.123456789Z");
        TransferCounters counters = TransferCounters.EMPTY
                .with(Counter.BYTES_FOUND_FROM_SOURCE, 9_007_199_254_740_993L) // 2^53 + 1: must stay exact
                .with(Counter.BYTES_COPIED_TO_SINK, Long.MAX_VALUE)
                .with(Counter.OBJECTS_FROM_SOURCE_FAILED, 0);
        ErrorBreakdown errors = ErrorBreakdown.EMPTY;
        for (int i = 0; i < 7; i++) {
            errors = errors.record(ErrorCode.PERMISSION_DENIED, "/src/dir/file" + i, "open: permission denied", "uid 1000");
        }
        errors = errors.record(ErrorCode.UNAVAILABLE, ErrorLogEntry.of("https://h:54322/images/x", "503"));
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("image_id", "c1a5f7e0-0000-4000-8000-000000000001");
        attrs.put("note", "ünïcödé \"quoted\" 日本語");
        Map<String, String> subAttrs = Map.of("image_name", "disk-1", "image_id", "7b2d");
        List<SubJob> subs = List.of(
                new SubJob("sub-1", "imsGoofysExportImageJob", TransferPhase.FINISHED_SUCCESS, "SUCCESS",
                        t0.plusSeconds(1), t0.plusSeconds(30), "", "", subAttrs),
                new SubJob("sub-2", "imsQuickExportImageJob", TransferPhase.UNKNOWN, "WEIRD_STATUS", null, null,
                        "IMG.0142", "quota exceeded", Map.of()));
        return Transfer.create(id, "ims", Direction.WATCH, "export disk-1", "job/123", "obs://bucket/disk-1",
                        Map.of("verify", "true", "profile", "p-otc"), t0)
                .withPhase(TransferPhase.TRANSFERRING, t0.plusMillis(1500), "session ready")
                .withBytes(123_456_789_012L, 200_000_000_000L)
                .withObjects(3, 10)
                .withPercent(61.5)
                .withNativeStatus("RUNNING")
                .withCounters(counters)
                .withErrors(errors)
                .withSubJobs(subs)
                .withMessage("exporting")
                .withAttributes(attrs)
                .withPhase(TransferPhase.PAUSED_SYSTEM, Instant.parse("2026-11-23T10:05:00+02:00"), "ticket expired");
    }

}
