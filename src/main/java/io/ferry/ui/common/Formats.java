package io.ferry.ui.common;

import io.ferry.ui.i18n.I18n;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers as operators read them, in the current language: bytes in binary units (the unit names come from the
 * bundle: French writes Mio), speeds, remaining time, percentages and dates. Immutable per locale; get one from
 * {@link #of(I18n, ZoneId)} each time the language may have changed.
 */
public final class Formats {
    private static final String[] UNITS = {"unit.B", "unit.KiB", "unit.MiB", "unit.GiB", "unit.TiB", "unit.PiB"};

    private final I18n i18n;
    private final Locale locale;
    private final ZoneId zone;
    private final NumberFormat oneDecimal;
    private final NumberFormat integer;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter dateTimeLong;

    private Formats(I18n i18n, ZoneId zone) {
        this.i18n = i18n;
        this.locale = i18n.locale();
        this.zone = zone;
        this.oneDecimal = NumberFormat.getNumberInstance(locale);
        oneDecimal.setMinimumFractionDigits(1);
        oneDecimal.setMaximumFractionDigits(1);
        this.integer = NumberFormat.getIntegerInstance(locale);
        this.dateTime = DateTimeFormatter.ofPattern(i18n.get("format.dateTime"), locale).withZone(zone);
        // the table's clock (24-hour) with the year and seconds: the locale's MEDIUM style said "7:15:03 PM" in
        // the detail pane beside "19:15" in the table
        this.dateTimeLong = DateTimeFormatter.ofPattern(i18n.get("format.dateTimeLong"), locale).withZone(zone);
    }

    public static Formats of(I18n i18n, ZoneId zone) {
        return new Formats(i18n, zone);
    }

    public Locale locale() {
        return locale;
    }

    /** 1536 → "1.5 KiB"; below 1 KiB whole bytes; negative (unknown) → "". */
    public String bytes(long n) {
        if (n < 0) {
            return "";
        }
        if (n < 1024) {
            return i18n.get("format.bytes", integer.format(n), i18n.get(UNITS[0]));
        }
        double v = n;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return i18n.get("format.bytes", oneDecimal.format(v), i18n.get(UNITS[u]));
    }

    /** "1.2 / 4.0 GiB" (one unit when both share it), or only the done part when the total is unknown. */
    public String bytesOf(long done, long total) {
        if (total < 0) {
            return bytes(done);
        }
        int ud = unitIndex(done);
        int ut = unitIndex(total);
        if (ud == ut && ud > 0) {
            return i18n.get("format.bytesOf", number(done, ud), bytes(total));
        }
        return i18n.get("format.bytesOf", bytes(done), bytes(total));
    }

    private static int unitIndex(long n) {
        int u = 0;
        double v = n;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return u;
    }

    private String number(long n, int unit) {
        return oneDecimal.format(n / Math.pow(1024, unit));
    }

    /** Bytes per second, "" when not moving. */
    public String speed(double bytesPerSecond) {
        if (!(bytesPerSecond > 0)) {
            return "";
        }
        return i18n.get("format.speed", bytes(Math.round(bytesPerSecond)));
    }

    /** Time left: "2 h 05 min", "3 min 20 s", "45 s"; "" when unknown. */
    public String eta(Duration d) {
        if (d == null || d.isNegative()) {
            return "";
        }
        long s = Math.max(1, d.toSeconds());
        if (s >= 3600) {
            return i18n.get("format.eta.hm", s / 3600, String.format(locale, "%02d", (s % 3600) / 60));
        }
        if (s >= 60) {
            return i18n.get("format.eta.ms", s / 60, String.format(locale, "%02d", s % 60));
        }
        return i18n.get("format.eta.s", s);
    }

    /** 0–100 → "42 %" (per locale); negative → "". */
    public String percent(double p) {
        if (p < 0) {
            return "";
        }
        return i18n.get("format.percent", integer.format(Math.floor(p)));
    }

    public String count(long n) {
        return integer.format(n);
    }

    /** Compact, for table cells: "Nov 23, 10:12" (the pattern is in the bundle). */
    public String dateTime(Instant t) {
        return t == null ? "" : dateTime.format(t);
    }

    /** Full, for the detail pane: the table's date and clock with the year and seconds ({@code format.dateTimeLong}). */
    public String dateTimeLong(Instant t) {
        return t == null ? "" : dateTimeLong.format(t);
    }

    public ZoneId zone() {
        return zone;
    }
}
