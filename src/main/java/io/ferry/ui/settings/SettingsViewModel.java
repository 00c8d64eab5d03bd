package io.ferry.ui.settings;

import io.ferry.engine.TransferService;
import io.ferry.ui.i18n.I18n;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The five settings, each applied the moment it changes: written to the {@link SettingsPort}, pushed to the engine
 * (max concurrent, bandwidth limit) or to the window (theme, language). Values read back from the port are checked;
 * a bad stored value falls back to the default instead of failing the start.
 */
public final class SettingsViewModel {
    // the store's own setting names (io.ferry.store.Settings), so the CLI and the engine see what the window saved
    public static final String KEY_MAX_CONCURRENT = "maxConcurrent";
    public static final String KEY_BANDWIDTH = "bandwidthLimit";
    public static final String KEY_VERIFY = "verifyByDefault";
    public static final String KEY_THEME = "theme";
    public static final String KEY_LANGUAGE = "language";
    /** The stored language value meaning "follow the operating system". */
    public static final String SYSTEM_LANGUAGE = "system";

    public static final int MAX_CONCURRENT_LIMIT = 64;
    public static final long MIB = 1024L * 1024L;

    private final SettingsPort port;
    private final TransferService service;
    private final IntegerProperty maxConcurrent = new SimpleIntegerProperty(this, "maxConcurrent");
    /** Bytes per second; 0 is unlimited. */
    private final LongProperty bandwidthLimit = new SimpleLongProperty(this, "bandwidthLimit");
    private final BooleanProperty verifyByDefault = new SimpleBooleanProperty(this, "verifyByDefault", true);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ObjectProperty<Locale> language = new SimpleObjectProperty<>(this, "language", Locale.ENGLISH);

    public SettingsViewModel(SettingsPort port, TransferService service, I18n i18n) {
        this.port = port;
        this.service = service;
        maxConcurrent.set(clamp(readInt(KEY_MAX_CONCURRENT).orElse(service.maxConcurrent()), 1, MAX_CONCURRENT_LIMIT));
        bandwidthLimit.set(Math.max(0, readLong(KEY_BANDWIDTH).orElse(service.bandwidthLimit())));
        verifyByDefault.set(port.get(KEY_VERIFY).map(Boolean::parseBoolean).orElse(true));
        theme.set(Theme.parse(port.get(KEY_THEME).orElse(null), Theme.SYSTEM));
        language.set(storedLanguage(port));

        if (service.maxConcurrent() != maxConcurrent.get()) {
            service.setMaxConcurrent(maxConcurrent.get());
        }
        if (service.bandwidthLimit() != bandwidthLimit.get()) {
            service.setBandwidthLimit(bandwidthLimit.get());
        }
        i18n.setLocale(language.get());

        maxConcurrent.addListener((o, was, now) -> apply(KEY_MAX_CONCURRENT, now, v -> service.setMaxConcurrent(now.intValue())));
        bandwidthLimit.addListener((o, was, now) -> apply(KEY_BANDWIDTH, now, v -> service.setBandwidthLimit(now.longValue())));
        verifyByDefault.addListener((o, was, now) -> port.put(KEY_VERIFY, now.toString()));
        theme.addListener((o, was, now) -> port.put(KEY_THEME, now.key()));
        language.addListener((o, was, now) -> {
            port.put(KEY_LANGUAGE, now.toLanguageTag());
            i18n.setLocale(now);
        });
    }

    /**
     * The language to show: the stored BCP 47 tag if Ferry has it, the operating system's language when the value
     * is "system" or absent (English when Ferry does not have that one either).
     */
    public static Locale storedLanguage(SettingsPort port) {
        String tag = port.get(KEY_LANGUAGE).map(String::trim).orElse(SYSTEM_LANGUAGE);
        return I18n.supported(tag.isEmpty() || tag.equalsIgnoreCase(SYSTEM_LANGUAGE) ? Locale.getDefault() : Locale.forLanguageTag(tag));
    }

    private void apply(String key, Number value, Consumer<Number> toEngine) {
        port.put(key, value.toString());
        toEngine.accept(value);
    }

    private Optional<Integer> readInt(String key) {
        return readLong(key).map(Long::intValue);
    }

    private Optional<Long> readLong(String key) {
        try {
            return port.get(key).map(String::trim).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    public IntegerProperty maxConcurrentProperty() {
        return maxConcurrent;
    }

    public LongProperty bandwidthLimitProperty() {
        return bandwidthLimit;
    }

    /** The bandwidth limit in MiB/s for the spinner (0 = unlimited). */
    public void setBandwidthLimitMiB(double mib) {
        bandwidthLimit.set(Math.max(0, Math.round(mib * MIB)));
    }

    public double bandwidthLimitMiB() {
        return bandwidthLimit.get() / (double) MIB;
    }

    public BooleanProperty verifyByDefaultProperty() {
        return verifyByDefault;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ObjectProperty<Locale> languageProperty() {
        return language;
    }

    public TransferService service() {
        return service;
    }
}
