package io.ferry.domain;

import java.util.List;
import java.util.Objects;

/**
 * All errors of one code in one transfer: how many, and at most {@link #MAX_SAMPLES} samples (seed 002's
 * ErrorSummary). The count keeps rising after the samples are full.
 */
public record ErrorSummary(ErrorCode errorCode, long errorCount, List<ErrorLogEntry> errorLogEntries) {
    public static final int MAX_SAMPLES = 5;

    public ErrorSummary {
        Objects.requireNonNull(errorCode, "errorCode");
        if (errorCount < 0) {
            throw new IllegalArgumentException("errorCount must not be negative: " + errorCount);
        }
        errorLogEntries = errorLogEntries == null ? List.of() : List.copyOf(
                errorLogEntries.size() > MAX_SAMPLES ? errorLogEntries.subList(0, MAX_SAMPLES) : errorLogEntries);
    }

    ErrorSummary add(long count, List<ErrorLogEntry> samples) {
        List<ErrorLogEntry> merged = new java.util.ArrayList<>(errorLogEntries);
        for (ErrorLogEntry e : samples) {
            if (merged.size() >= MAX_SAMPLES) {
                break;
            }
            merged.add(e);
        }
        // counts from a server can be anything up to 2^63-1: the sum stays at the largest long instead of wrapping
        long total = count > Long.MAX_VALUE - errorCount ? Long.MAX_VALUE : errorCount + count;
        return new ErrorSummary(errorCode, total, merged);
    }
}
