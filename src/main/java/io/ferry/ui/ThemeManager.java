package io.ferry.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.ferry.ui.settings.Theme;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.Parent;

/**
 * Applies AtlantaFX Primer light or dark as the user-agent stylesheet. {@link Theme#SYSTEM} follows the platform's
 * colour scheme ({@code Platform.getPreferences()}) and keeps following it while the setting stays on system.
 */
public final class ThemeManager {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private final Parent root;
    private Theme current;

    public ThemeManager(Parent root, ObservableValue<Theme> setting) {
        this.root = root;
        setting.addListener((o, was, now) -> apply(now));
        Platform.getPreferences().colorSchemeProperty().addListener((o, was, now) -> {
            if (current == Theme.SYSTEM) {
                apply(Theme.SYSTEM);
            }
        });
        apply(setting.getValue());
    }

    public void apply(Theme theme) {
        current = theme == null ? Theme.LIGHT : theme;
        boolean dark = switch (current) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
        Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        root.pseudoClassStateChanged(DARK, dark);
    }
}
