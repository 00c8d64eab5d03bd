package io.ferry.ui.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Ferry's strings: one bundle per language ({@code messages.properties} English, {@code _ja}, {@code _fr}) and the
 * current locale as a property, so every label bound through {@link #text} follows a language switch at once.
 */
public final class I18n {
    public static final String BUNDLE = "io.ferry.ui.i18n.messages";
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.JAPANESE, Locale.FRENCH);

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>(this, "locale");
    private ResourceBundle bundle;
    private Locale bundleLocale;

    public I18n(Locale initial) {
        locale.set(supported(initial));
    }

    /** The bundle of the current locale, loaded on first use after a switch (listeners may ask before any other). */
    private ResourceBundle bundle() {
        Locale l = locale.get();
        if (!l.equals(bundleLocale)) {
            bundle = load(l);
            bundleLocale = l;
        }
        return bundle;
    }

    /** The supported locale closest to {@code wanted} (same language), else English. */
    public static Locale supported(Locale wanted) {
        if (wanted != null) {
            for (Locale l : SUPPORTED) {
                if (l.getLanguage().equals(wanted.getLanguage())) {
                    return l;
                }
            }
        }
        return Locale.ENGLISH;
    }

    public static ResourceBundle load(Locale l) {
        return ResourceBundle.getBundle(BUNDLE, Objects.requireNonNull(l), I18n.class.getClassLoader(), NO_FALLBACK);
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public Locale locale() {
        return locale.get();
    }

    public void setLocale(Locale l) {
        locale.set(supported(l));
    }

    /** The text for {@code key}, formatted with {@code args} (MessageFormat); the key itself when missing. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle().getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale.get()).format(args);
    }

    public boolean has(String key) {
        return bundle().containsKey(key);
    }

    /** A binding that re-reads {@code key} whenever the language changes. */
    public StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> get(key, args), locale);
    }
}
