package io.ferry.ui.settings;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SettingsPort} that forgets on exit: for tests, the demo and the screenshot tour. */
public final class InMemorySettings implements SettingsPort {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
    }

    public Map<String, String> snapshot() {
        return Map.copyOf(values);
    }
}
