package io.ferry.store;

import java.util.Locale;
import java.util.Optional;

/** The remote systems a connection profile can point at. */
public enum ProfileType {
    OVIRT,
    GCS,
    ELEMENT,
    IMS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProfileType> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        for (ProfileType t : values()) {
            if (t.wireName().equalsIgnoreCase(raw.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
