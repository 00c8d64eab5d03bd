package io.ferry.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3339 timestamps as Google's APIs write them: parsing accepts 0, 3, 6 or 9 fractional digits (and any
 * other count up to 9) with {@code Z} or any offset up to ±23:59 (wider than java.time's ±18:00); output is
 * always UTC with {@code Z} and 0, 3, 6 or 9 digits.
 */
public final class Rfc3339 {
    /** date, time, optional fraction (1–9 digits), and Z or an offset of up to ±23:59 (RFC 3339's time-numoffset). */
    private static final Pattern SYNTAX = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,9})?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");

    private Rfc3339() {}

    /**
     * @throws IllegalArgumentException naming the text when it is not an RFC 3339 date-time
     */
    public static Instant parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("timestamp is missing");
        }
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an RFC 3339 timestamp: \"" + text + "\"");
        }
        try {
            LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2) + (m.group(3) == null ? "" : m.group(3)));
            long offsetSeconds = 0;
            if (m.group(4) == null) {
                int hours = Integer.parseInt(m.group(6));
                int minutes = Integer.parseInt(m.group(7));
                if (hours > 23 || minutes > 59) {
                    throw new IllegalArgumentException("offset out of range");
                }
                offsetSeconds = (hours * 3600L + minutes * 60L) * ("-".equals(m.group(5)) ? -1 : 1);
            }
            return local.toInstant(ZoneOffset.UTC).minusSeconds(offsetSeconds);
        } catch (DateTimeParseException | IllegalArgumentException e) {
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
