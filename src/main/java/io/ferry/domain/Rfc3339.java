package io.ferry.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * RFC 3339 timestamps as Google's APIs write them: parsing accepts 0, 3, 6 or 9 fractional digits (and any
 * other count up to 9) with {@code Z} or any offset; output is always UTC with {@code Z} and 0, 3, 6 or 9 digits.
 */
public final class Rfc3339 {
    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT);

    private Rfc3339() {}

    /**
     * @throws IllegalArgumentException naming the text when it is not an RFC 3339 date-time
     */
    public static Instant parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("timestamp is missing");
        }
        String t = text.trim();
        if (t.endsWith("z")) {
            t = t.substring(0, t.length() - 1) + "Z";
        }
        // RFC 3339 allows a space or lower-case t between date and time
        if (t.length() > 10 && (t.charAt(10) == ' ' || t.charAt(10) == 't')) {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        try {
            return OffsetDateTime.parse(t, PARSER).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 timestamp: \"" + text + "\"", e);
        }
    }

    /** Empty for null, blank or unparseable text. Never throws. */
    public static Optional<Instant> tryParse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** UTC, {@code Z}, with 0, 3, 6 or 9 fractional digits: as few as keep the value exact. */
    public static String format(Instant instant) {
        OffsetDateTime t = instant.atOffset(java.time.ZoneOffset.UTC);
        String base = String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        int nanos = t.getNano();
        if (nanos == 0) {
            return base + "Z";
        }
        if (nanos % 1_000_000 == 0) {
            return base + String.format(Locale.ROOT, ".%03dZ", nanos / 1_000_000);
        }
        if (nanos % 1_000 == 0) {
            return base + String.format(Locale.ROOT, ".%06dZ", nanos / 1_000);
        }
        return base + String.format(Locale.ROOT, ".%09dZ", nanos);
    }
}
