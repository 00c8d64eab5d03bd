package io.ferry.domain;

import java.util.List;
import java.util.Objects;

/** One sample of an error: where it happened and what was said (seed 002's ErrorLogEntry). */
public record ErrorLogEntry(String url, List<String> errorDetails) {
    public ErrorLogEntry {
        url = url == null ? "" : url;
        errorDetails = errorDetails == null ? List.of() : List.copyOf(errorDetails.stream().map(Objects::toString).toList());
    }

    public static ErrorLogEntry of(String url, String... details) {
        return new ErrorLogEntry(url, List.of(details));
    }
}
