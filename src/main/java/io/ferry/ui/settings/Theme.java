package io.ferry.ui.settings;

import java.util.Locale;

/** The theme setting: follow the operating system's colour scheme, or always light, or always dark. */
public enum Theme {
    SYSTEM,
    LIGHT,
    DARK;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Theme parse(String raw, Theme dflt) {
        for (Theme t : values()) {
            if (t.key().equalsIgnoreCase(raw == null ? "" : raw.trim())) {
                return t;
            }
        }
        return dflt;
    }
}
