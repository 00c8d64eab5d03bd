package io.ferry.ui.settings;

import java.util.Locale;

/**
 * The theme setting: follow the operating system's colour scheme (the default; light when the system says nothing),
 * or always light, or always dark. Stored in lower case, as the store's {@code Settings.Theme}.
 */
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
