package io.ferry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Rfc3339;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the CLI prints for a transfer: counters and {@code errorBreakdowns} in seed 002's shape (int64 as
 * decimal strings), times in RFC 3339 (UTC, Z), the phase by its API name.
 */
final class TransferJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private TransferJson() {}

    static Map<String, Object> of(Transfer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("provider", t.provider());
        m.put("direction", t.direction().wireName());
        m.put("name", t.name());
        m.put("source", t.source());
        m.put("target", t.target());
        m.put("phase", t.phase().apiName());
        m.put("nativeStatus", t.nativeStatus());
        m.put("bytesDone", t.bytesDone());
        m.put("bytesTotal", t.bytesTotal());
        m.put("objectsDone", t.objectsDone());
        m.put("objectsTotal", t.objectsTotal());
        m.put("percent", t.progressPercent());
        m.put("counters", t.counters().toWire());
        m.put("errorBreakdowns", t.errors().toWire());
        List<Map<String, Object>> subs = new ArrayList<>();
        for (SubJob s : t.subJobs()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("id", s.id());
            sm.put("type", s.type());
            sm.put("phase", s.phase().apiName());
            sm.put("nativeStatus", s.nativeStatus());
            sm.put("startTime", time(s.started()));
            sm.put("endTime", time(s.ended()));
            sm.put("errorCode", s.errorCode());
            sm.put("failReason", s.failReason());
            sm.put("attributes", s.attributes());
            subs.add(sm);
        }
        m.put("subJobs", subs);
        m.put("message", t.message());
        m.put("attributes", t.attributes());
        m.put("createTime", time(t.created()));
        m.put("startTime", time(t.started()));
        m.put("endTime", time(t.ended()));
        List<Map<String, Object>> history = new ArrayList<>();
        for (PhaseChange pc : t.history()) {
            history.add(phaseChange(pc));
        }
        m.put("history", history);
        return m;
    }

    static Map<String, Object> phaseChange(PhaseChange pc) {
        Map<String, Object> hm = new LinkedHashMap<>();
        hm.put("phase", pc.phase().apiName());
        hm.put("time", Rfc3339.format(pc.at()));
        hm.put("reason", pc.reason());
        return hm;
    }

    /** One line of copy's {@code --json} stream for a phase change. */
    static Map<String, Object> phaseEvent(Transfer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "phase");
        m.put("id", t.id());
        m.put("phase", t.phase().apiName());
        m.put("time", t.history().isEmpty() ? null : Rfc3339.format(t.history().getLast().at()));
        m.put("reason", t.phaseReason());
        m.put("bytesDone", t.bytesDone());
        m.put("bytesTotal", t.bytesTotal());
        return m;
    }

    /** The final line of copy's {@code --json} stream. */
    static Map<String, Object> summary(Transfer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "summary");
        m.putAll(of(t));
        return m;
    }

    static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String time(Instant t) {
        return t == null ? null : Rfc3339.format(t);
    }
}
