package io.ferry.store;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ferry's settings, kept as key/value rows in the store, with typed accessors and defaults. A stored value that
 * does not parse reads as the default (and is kept, so nothing the operator wrote is lost).
 */
public final class Settings {
    public static final String MAX_CONCURRENT = "maxConcurrent";
    public static final String BANDWIDTH_LIMIT = "bandwidthLimit";
    public static final String VERIFY_BY_DEFAULT = "verifyByDefault";
    public static final String THEME = "theme";
    public static final String LANGUAGE = "language";
    public static final String POLL_INTERVAL = "pollInterval";

    public static final int DEFAULT_MAX_CONCURRENT = 4;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    /** The themes the GUI offers. */
    public enum Theme {
        SYSTEM,
        LIGHT,
        DARK
    }

    private final SqliteStore store;

    Settings(SqliteStore store) {
        this.store = store;
    }

    public Optional<String> get(String key) {
        return store.setting(key);
    }

    public void put(String key, String value) {
        store.putSetting(key, value);
    }

    public void remove(String key) {
        store.removeSetting(key);
    }

    public Map<String, String> all() {
        return store.allSettings();
    }

    /** Transfers running at once (1–64), default 4. */
    public int maxConcurrent() {
        return (int) Math.min(64, Math.max(1, longValue(MAX_CONCURRENT, DEFAULT_MAX_CONCURRENT)));
    }

    public void setMaxConcurrent(int max) {
        if (max < 1 || max > 64) {
            throw new IllegalArgumentException("maxConcurrent must be between 1 and 64, not " + max);
        }
        put(MAX_CONCURRENT, Integer.toString(max));
    }

    /** Bytes per second for all transfers together; 0 (the default) means unlimited. */
    public long bandwidthLimit() {
        return Math.max(0, longValue(BANDWIDTH_LIMIT, 0));
    }

    public void setBandwidthLimit(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidthLimit must not be negative: " + bytesPerSecond);
        }
        put(BANDWIDTH_LIMIT, Long.toString(bytesPerSecond));
    }

    /** Verify copies unless told not to; default true. */
    public boolean verifyByDefault() {
        return get(VERIFY_BY_DEFAULT).map(v -> !v.trim().equalsIgnoreCase("false")).orElse(true);
    }

    public void setVerifyByDefault(boolean verify) {
        put(VERIFY_BY_DEFAULT, Boolean.toString(verify));
    }

    public Theme theme() {
        return get(THEME).flatMap(v -> {
                    try {
                        return Optional.of(Theme.valueOf(v.trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                })
                .orElse(Theme.SYSTEM);
    }

    public void setTheme(Theme theme) {
        put(THEME, theme.name().toLowerCase(Locale.ROOT));
    }

    /** A BCP 47 language tag, or "system" (the default) to follow the OS. */
    public String language() {
        return get(LANGUAGE).filter(v -> !v.isBlank()).orElse("system");
    }

    public void setLanguage(String languageTag) {
        put(LANGUAGE, languageTag);
    }

    /** How often job watchers poll remote systems; default 5 s, at least 1 s. Stored in ISO-8601 (PT5S). */
    public Duration pollInterval() {
        return get(POLL_INTERVAL).flatMap(v -> {
                    try {
                        return Optional.of(Duration.parse(v.trim()));
                    } catch (java.time.format.DateTimeParseException e) {
                        return Optional.empty();
                    }
                })
                .filter(d -> d.compareTo(Duration.ofSeconds(1)) >= 0)
                .orElse(DEFAULT_POLL_INTERVAL);
    }

    public void setPollInterval(Duration interval) {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("pollInterval must be at least 1 s, not " + interval);
        }
        put(POLL_INTERVAL, interval.toString());
    }

    private long longValue(String key, long dflt) {
        return get(key).map(v -> {
                    try {
                        return Long.parseLong(v.trim());
                    } catch (NumberFormatException e) {
                        return dflt;
                    }
                })
                .orElse(dflt);
    }
}
