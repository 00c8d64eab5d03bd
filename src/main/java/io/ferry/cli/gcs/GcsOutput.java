package io.ferry.cli.gcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferry.domain.Counter;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.ErrorSummary;
import io.ferry.domain.Rfc3339;
import io.ferry.domain.Transfer;
import io.ferry.provider.gcs.GcsJob;
import io.ferry.provider.gcs.GcsOperation;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code ferry gcs} prints: compact tables like gcloud's, detail blocks, and JSON in the API's shapes. */
final class GcsOutput {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private GcsOutput() {}

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String compactJson(Object o) {
        try {
            return new ObjectMapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An operation as JSON: names, status and phase, progress, and counters / errorBreakdowns in seed 002's shape. */
    static Map<String, Object> operationJson(GcsOperation op) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", op.name());
        m.put("projectId", op.projectId());
        m.put("transferJobName", op.transferJobName());
        m.put("status", op.rawStatus());
        m.put("phase", op.phase().apiName());
        m.put("done", op.done());
        m.put("startTime", op.startTime() == null ? null : Rfc3339.format(op.startTime()));
        m.put("endTime", op.endTime() == null ? null : Rfc3339.format(op.endTime()));
        m.put("source", op.source());
        m.put("sink", op.sink());
        m.put("bytesCopiedToSink", Long.toString(op.bytesCopied()));
        m.put("bytesFoundFromSource", op.bytesFound() < 0 ? null : Long.toString(op.bytesFound()));
        m.put("percent", op.bytesPercent() < 0 ? null : round1(op.bytesPercent()));
        m.put("objectsCopiedToSink", Long.toString(op.objectsCopied()));
        m.put("objectsFoundFromSource", op.objectsFound() < 0 ? null : Long.toString(op.objectsFound()));
        m.put("objectsPercent", op.objectsPercent() < 0 ? null : round1(op.objectsPercent()));
        m.put("counters", op.counters().toWire());
        m.put("errorBreakdowns", op.errorBreakdowns().toWire());
        if (!op.problems().isEmpty()) {
            m.put("problems", op.problems());
        }
        return m;
    }

    /** A watched transfer's summary (the watch's last JSON object). */
    static Map<String, Object> transferJson(Transfer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "summary");
        m.put("name", t.attributes().getOrDefault("operationName", t.source()));
        m.put("transferJobName", t.attributes().getOrDefault("transferJobName", ""));
        m.put("status", t.nativeStatus());
        m.put("phase", t.phase().apiName());
        m.put("startTime", t.started() == null ? null : Rfc3339.format(t.started()));
        m.put("endTime", t.ended() == null ? null : Rfc3339.format(t.ended()));
        m.put("bytesCopiedToSink", Long.toString(t.bytesDone()));
        m.put("bytesFoundFromSource", t.bytesTotal() < 0 ? null : Long.toString(t.bytesTotal()));
        m.put("percent", t.progressPercent() < 0 ? null : round1(t.progressPercent()));
        m.put("counters", t.counters().toWire());
        m.put("errorBreakdowns", t.errors().toWire());
        return m;
    }

    static Map<String, Object> jobJson(GcsJob j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", j.name());
        m.put("description", j.description());
        m.put("projectId", j.projectId());
        m.put("status", j.status());
        m.put("source", j.source());
        m.put("sink", j.sink());
        m.put("latestOperationName", j.latestOperationName());
        m.put("repeatInterval", j.repeatInterval());
        m.put("creationTime", j.creationTime() == null ? null : Rfc3339.format(j.creationTime()));
        return m;
    }

    /** gcloud's operations table (NAME, START, STATUS) plus phase, progress, errors and job. */
    static String operationsTable(List<GcsOperation> ops) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "START (UTC)", "STATUS", "PHASE", "PROGRESS", "ERRORS", "JOB"});
        for (GcsOperation op : ops) {
            rows.add(new String[] {
                op.shortName(),
                op.startTime() == null ? "-" : DAY_TIME.format(op.startTime()),
                op.rawStatus().isEmpty() ? "-" : op.rawStatus(),
                op.phase().apiName(),
                progress(op.bytesCopied(), op.bytesFound()),
                Long.toString(op.errorBreakdowns().totalCount()),
                op.transferJobName().replaceFirst("^transferJobs/", "")
            });
        }
        return table(rows);
    }

    static String jobsTable(List<GcsJob> jobs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATUS", "SOURCE", "DESTINATION", "LATEST OPERATION"});
        for (GcsJob j : jobs) {
            rows.add(new String[] {
                j.shortName(), j.status(), dash(j.source()), dash(j.sink()),
                dash(j.latestOperationName().replaceFirst("^transferOperations/", ""))
            });
        }
        return table(rows);
    }

    /** An operation in full: every counter that is set and every error sample. */
    static String operationDetail(GcsOperation op) {
        StringBuilder b = new StringBuilder();
        line(b, "Operation", op.name());
        line(b, "Job", op.transferJobName());
        line(b, "Project", op.projectId());
        line(b, "Status", op.rawStatus().isEmpty() ? "(none)" : op.rawStatus());
        line(b, "Phase", op.phase().apiName() + " — " + op.status().reason());
        line(b, "Source", op.source());
        line(b, "Destination", op.sink());
        line(b, "Start", op.startTime() == null ? "" : Rfc3339.format(op.startTime()));
        line(b, "End", op.endTime() == null ? "" : Rfc3339.format(op.endTime()));
        line(b, "Progress", progress(op.bytesCopied(), op.bytesFound()) + " | objects "
                + objects(op.objectsCopied(), op.objectsFound()));
        if (!op.counters().isEmpty()) {
            b.append("Counters:\n");
            for (Counter c : Counter.values()) {
                if (op.counters().has(c)) {
                    long v = op.counters().get(c);
                    b.append(String.format(Locale.ROOT, "  %-40s %s%n", c.jsonName(),
                            c.isBytes() ? v + " (" + human(v) + ")" : Long.toString(v)));
                }
            }
        }
        if (!op.errorBreakdowns().isEmpty()) {
            b.append("Errors:\n");
            for (ErrorSummary s : op.errorBreakdowns().summaries()) {
                b.append("  ").append(s.errorCode().name()).append(": ").append(s.errorCount()).append('\n');
                for (ErrorLogEntry e : s.errorLogEntries()) {
                    b.append("    ").append(e.url()).append('\n');
                    for (String d : e.errorDetails()) {
                        b.append("      ").append(d.replace("\r\n", "\n").replace("\n", "\n      ")).append('\n');
                    }
                }
            }
        }
        for (String p : op.problems()) {
            b.append("Could not read: ").append(p).append('\n');
        }
        return b.toString();
    }

    static String jobDetail(GcsJob j) {
        StringBuilder b = new StringBuilder();
        line(b, "Job", j.name());
        line(b, "Description", j.description());
        line(b, "Project", j.projectId());
        line(b, "Status", j.status());
        line(b, "Source", j.source());
        line(b, "Destination", j.sink());
        line(b, "Repeats every", j.repeatInterval());
        line(b, "Latest operation", j.latestOperationName());
        line(b, "Created", j.creationTime() == null ? "" : Rfc3339.format(j.creationTime()));
        return b.toString();
    }

    /** The watch line, like gcloud's monitor: {@code IN_PROGRESS | 42% (1.2 GiB of 2.9 GiB) | …}. */
    static String progressLine(Transfer t) {
        StringBuilder b = new StringBuilder();
        b.append(t.nativeStatus().isEmpty() ? t.phase().apiName() : t.nativeStatus());
        b.append(" | ").append(progress(t.bytesDone(), t.bytesTotal()));
        b.append(" | objects ").append(objects(t.objectsDone(), t.objectsTotal()));
        long skipped = t.counters().get(Counter.BYTES_FROM_SOURCE_SKIPPED_BY_SYNC);
        if (skipped > 0) {
            b.append(" | skipped ").append(human(skipped));
        }
        b.append(" | errors ").append(t.errors().totalCount());
        return b.toString();
    }

    static String progress(long done, long found) {
        if (found < 0) {
            return done > 0 ? human(done) + " copied" : "-";
        }
        if (found == 0) {
            return "0 B of 0 B";
        }
        double pct = Math.min(100.0, 100.0 * done / found);
        return String.format(Locale.ROOT, "%d%% (%s of %s)", (long) Math.floor(pct), human(done), human(found));
    }

    static String objects(long done, long found) {
        return found < 0 ? done + " of ?" : done + " of " + found;
    }

    /** IEC units with one decimal: 1.2 GiB. */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String when(Instant t) {
        return t == null ? "-" : DAY_TIME.format(t);
    }

    private static double round1(double d) {
        return Math.round(d * 10) / 10.0;
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value != null && !value.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%-17s %s%n", label + ":", value));
        }
    }

    static String table(List<String[]> rows) {
        int cols = rows.getFirst().length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                line.append(i == cols - 1 ? r[i] : String.format(Locale.ROOT, "%-" + w[i] + "s  ", r[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
