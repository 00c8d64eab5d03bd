package io.ferry.ui.settings;

import java.util.Optional;

/**
 * Where the window keeps its settings: plain string keys and values. App wiring backs it with the SQLite store;
 * tests use {@link InMemorySettings}. Implementations must be safe to call from the FX thread (small, quick writes).
 */
public interface SettingsPort {
    Optional<String> get(String key);

    void put(String key, String value);
}
