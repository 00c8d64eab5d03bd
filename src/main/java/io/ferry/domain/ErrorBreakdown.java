package io.ferry.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every error of a transfer, counted by code, with at most five samples per code, immutable. {@link #toWire()}
 * gives exactly seed 002's {@code errorBreakdowns} JSON shape (counts as decimal strings) for any JSON writer.
 */
public final class ErrorBreakdown {
    public static final ErrorBreakdown EMPTY = new ErrorBreakdown(new EnumMap<>(ErrorCode.class));

    private final EnumMap<ErrorCode, ErrorSummary> byCode;

    private ErrorBreakdown(EnumMap<ErrorCode, ErrorSummary> byCode) {
        this.byCode = byCode;
    }

    public static ErrorBreakdown of(Collection<ErrorSummary> summaries) {
        ErrorBreakdown b = EMPTY;
        for (ErrorSummary s : summaries) {
            b = b.add(s.errorCode(), s.errorCount(), s.errorLogEntries());
        }
        return b;
    }

    /** One more error of {@code code}; its sample is kept while fewer than five are. */
    public ErrorBreakdown record(ErrorCode code, String url, String... details) {
        return add(code, 1, List.of(new ErrorLogEntry(url, List.of(details))));
    }

    public ErrorBreakdown record(ErrorCode code, ErrorLogEntry sample) {
        return add(code, 1, List.of(sample));
    }

    /** {@code count} more errors of {@code code} with these samples (beyond five are dropped). */
    public ErrorBreakdown add(ErrorCode code, long count, List<ErrorLogEntry> samples) {
        EnumMap<ErrorCode, ErrorSummary> next = new EnumMap<>(byCode);
        ErrorSummary current = next.getOrDefault(code, new ErrorSummary(code, 0, List.of()));
        next.put(code, current.add(count, samples));
        return new ErrorBreakdown(next);
    }

    public ErrorBreakdown merge(ErrorBreakdown other) {
        ErrorBreakdown b = this;
        for (ErrorSummary s : other.summaries()) {
            b = b.add(s.errorCode(), s.errorCount(), s.errorLogEntries());
        }
        return b;
    }

    /** In code order. */
    public List<ErrorSummary> summaries() {
        return List.copyOf(byCode.values());
    }

    public Optional<ErrorSummary> get(ErrorCode code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public long count(ErrorCode code) {
        ErrorSummary s = byCode.get(code);
        return s == null ? 0 : s.errorCount();
    }

    public long totalCount() {
        long n = 0;
        for (ErrorSummary s : byCode.values()) {
            n += s.errorCount();
        }
        return n;
    }

    public boolean isEmpty() {
        return byCode.isEmpty();
    }

    /**
     * Seed 002's shape: {@code [{"errorCode": "NOT_FOUND", "errorCount": "3", "errorLogEntries": [{"url": "…",
     * "errorDetails": ["…"]}]}]}, as lists and insertion-ordered maps.
     */
    public List<Map<String, Object>> toWire() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ErrorSummary s : byCode.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("errorCode", s.errorCode().name());
            m.put("errorCount", Long.toString(s.errorCount()));
            List<Map<String, Object>> entries = new ArrayList<>();
            for (ErrorLogEntry e : s.errorLogEntries()) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("url", e.url());
                if (!e.errorDetails().isEmpty()) {
                    em.put("errorDetails", e.errorDetails());
                }
                entries.add(em);
            }
            if (!entries.isEmpty()) {
                m.put("errorLogEntries", entries);
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Reads seed 002's shape back (from any JSON reader's lists and maps). Tolerant: an unknown or missing code
     * counts as UNKNOWN with the raw code kept as the first detail of its samples; a bad count counts as 1.
     */
    public static ErrorBreakdown fromWire(List<?> wire) {
        ErrorBreakdown b = EMPTY;
        if (wire == null) {
            return b;
        }
        for (Object o : wire) {
            if (!(o instanceof Map<?, ?> m)) {
                continue;
            }
            Object rawCode = m.get("errorCode");
            Optional<ErrorCode> code = ErrorCode.parse(rawCode == null ? null : rawCode.toString());
            long count;
            try {
                count = Long.parseLong(String.valueOf(m.get("errorCount")).trim());
            } catch (NumberFormatException e) {
                count = 1;
            }
            List<ErrorLogEntry> samples = new ArrayList<>();
            if (m.get("errorLogEntries") instanceof List<?> entries) {
                for (Object eo : entries) {
                    if (eo instanceof Map<?, ?> em) {
                        List<String> details = new ArrayList<>();
                        if (code.isEmpty()) {
                            details.add("errorCode: " + rawCode);
                        }
                        if (em.get("errorDetails") instanceof List<?> dl) {
                            dl.forEach(d -> details.add(String.valueOf(d)));
                        }
                        Object url = em.get("url");
                        samples.add(new ErrorLogEntry(url == null ? "" : url.toString(), details));
                    }
                }
            }
            if (samples.isEmpty() && code.isEmpty()) {
                samples.add(new ErrorLogEntry("", List.of("errorCode: " + rawCode)));
            }
            b = b.add(code.orElse(ErrorCode.UNKNOWN), Math.max(0, count), samples);
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorBreakdown other && byCode.equals(other.byCode);
    }

    @Override
    public int hashCode() {
        return byCode.hashCode();
    }

    @Override
    public String toString() {
        return "ErrorBreakdown" + byCode.values();
    }
}
