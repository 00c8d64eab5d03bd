package io.ferry.cli.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.Rfc3339;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A transfer as plain maps and lists for the CLI's {@code --json} output (errorBreakdowns in seed 002's shape). */
public final class TransferJson {
    private TransferJson() {}

    /** {@code value} as JSON text; the CLI writes only maps, lists and records, so a failure is a bug. */
    public static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> summary(Transfer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("provider", t.provider());
        m.put("direction", t.direction().wireName());
        m.put("phase", t.phase().apiName());
        m.put("nativeStatus", t.nativeStatus());
        m.put("percent", t.progressPercent());
        if (t.bytesTotal() >= 0) {
            m.put("bytesDone", Long.toString(t.bytesDone()));
            m.put("bytesTotal", Long.toString(t.bytesTotal()));
        }
        m.put("message", t.message());
        m.put("reason", t.phaseReason());
        put(m, "startTime", t.started());
        put(m, "endTime", t.ended());
        m.put("attributes", t.attributes());
        List<Map<String, Object>> subs = new ArrayList<>();
        for (SubJob s : t.subJobs()) {
            subs.add(subJob(s));
        }
        m.put("subJobs", subs);
        m.put("errorBreakdowns", t.errors().toWire());
        return m;
    }

    public static Map<String, Object> subJob(SubJob s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("type", s.type());
        m.put("phase", s.phase().apiName());
        m.put("nativeStatus", s.nativeStatus());
        put(m, "startTime", s.started());
        put(m, "endTime", s.ended());
        if (!s.errorCode().isEmpty()) {
            m.put("errorCode", s.errorCode());
        }
        if (!s.failReason().isEmpty()) {
            m.put("failReason", s.failReason());
        }
        m.put("attributes", s.attributes());
        return m;
    }

    /** One phase change: the time, phase, native status, percent and reason. */
    public static Map<String, Object> phaseChange(Transfer t, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", Rfc3339.format(at));
        m.put("id", t.id());
        m.put("phase", t.phase().apiName());
        m.put("nativeStatus", t.nativeStatus());
        m.put("percent", t.progressPercent());
        if (t.bytesTotal() > 0) {
            m.put("bytesDone", t.bytesDone());
            m.put("bytesTotal", t.bytesTotal());
        }
        m.put("reason", t.phaseReason());
        return m;
    }

    private static void put(Map<String, Object> m, String k, Instant v) {
        if (v != null) {
            m.put(k, Rfc3339.format(v));
        }
    }
}
