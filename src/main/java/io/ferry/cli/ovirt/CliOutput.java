package io.ferry.cli.ovirt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferry.domain.Transfer;
import io.ferry.provider.ovirt.http.Redact;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** What the oVirt and imageio commands print: a progress line on stderr, then a summary or one JSON object. */
final class CliOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CliOutput() {}

    /** Progress at most once a second on stderr (nothing in --json mode), and each new phase. */
    static Consumer<Transfer> progress(PrintWriter err, boolean json) {
        long[] last = {0};
        String[] phase = {""};
        return t -> {
            if (json) {
                return;
            }
            long now = System.nanoTime();
            boolean newPhase = !t.phase().apiName().equals(phase[0]);
            if (!newPhase && now - last[0] < 1_000_000_000L) {
                return;
            }
            last[0] = now;
            phase[0] = t.phase().apiName();
            double pct = t.progressPercent();
            synchronized (err) {
                err.printf(Locale.ROOT, "%-20s %s / %s%s%n", t.phase().apiName(), bytes(t.bytesDone()),
                        t.bytesTotal() < 0 ? "?" : bytes(t.bytesTotal()),
                        pct < 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)", pct));
                err.flush();
            }
        };
    }

    static int finish(TransferRunner.Outcome out, boolean json, long startNanos, PrintWriter stdout, PrintWriter err) {
        Transfer t = out.transfer();
        double secs = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("provider", t.provider());
            m.put("direction", t.direction().wireName());
            m.put("name", t.name());
            m.put("source", Redact.url(t.source()));
            m.put("target", Redact.url(t.target()));
            m.put("phase", t.phase().apiName());
            m.put("native_status", t.nativeStatus());
            m.put("bytes_done", t.bytesDone());
            m.put("bytes_total", t.bytesTotal());
            m.put("seconds", Math.round(secs * 1000) / 1000.0);
            m.put("attributes", t.attributes());
            m.put("errors", t.errors().toWire());
            if (!out.ok()) {
                m.put("error", Map.of("code", out.errorCode(), "message", Redact.url(out.error())));
            }
            try {
                stdout.println(JSON.writeValueAsString(m));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            stdout.flush();
        } else if (out.ok()) {
            stdout.printf(Locale.ROOT, "%s %s: %s in %.1f s (%.2f GB/s)%s%n", t.direction().wireName(),
                    t.phase().apiName(), bytes(t.bytesDone()), secs, t.bytesDone() / secs / 1e9,
                    attributesLine(t));
            stdout.flush();
        } else {
            err.println("ferry: " + t.phase().apiName() + ": " + Redact.url(out.error()));
            err.flush();
        }
        return out.ok() ? 0 : (out.errorCode().equals("CANCELLED") ? 130 : 1);
    }

    private static String attributesLine(Transfer t) {
        StringBuilder b = new StringBuilder();
        for (String k : new String[] {"disk_id", "disk_name", "image_format", "disk_format", "verified", "imageio"}) {
            String v = t.attributes().get(k);
            if (v != null && !v.isEmpty()) {
                b.append(b.isEmpty() ? " [" : ", ").append(k).append('=').append(v);
            }
        }
        return b.isEmpty() ? "" : b.append(']').toString();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] u = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, u[i]);
    }
}
