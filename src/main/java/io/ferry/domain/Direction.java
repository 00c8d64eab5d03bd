package io.ferry.domain;

import java.util.Locale;
import java.util.Optional;

/** Which way the bytes go. {@link #WATCH}: a job another system runs, which Ferry follows and steers. */
public enum Direction {
    UPLOAD,
    DOWNLOAD,
    COPY,
    WATCH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Direction> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        for (Direction d : values()) {
            if (d.wireName().equalsIgnoreCase(raw.trim())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
