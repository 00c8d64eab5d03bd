package io.ferry.ui.common;

import io.ferry.ui.i18n.I18n;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * Makes toolbar buttons and menu items from {@link Actions}: localized text, icon, shortcut, and for commands on
 * the selection an enabled state and a tooltip that says why a disabled command cannot run. The tooltip sits on a
 * wrapper around the button, because a disabled button shows no tooltip of its own.
 */
public final class ActionControls {
    private final I18n i18n;

    public ActionControls(I18n i18n) {
        this.i18n = i18n;
    }

    /** A toolbar button inside its tooltip wrapper; the button has id {@code action-<name>}. */
    public StackPane button(Actions a, Runnable onAction, ReadOnlyBooleanProperty enabled, ReadOnlyStringProperty tip) {
        Button b = new Button();
        b.setId("action-" + a.name().toLowerCase(java.util.Locale.ROOT));
        b.textProperty().bind(i18n.text(a.textKey()));
        b.setGraphic(Icons.of(a.icon()));
        b.setOnAction(e -> onAction.run());
        b.setFocusTraversable(false);
        b.accessibleTextProperty().bind(i18n.text(a.textKey()));
        if (enabled != null) {
            b.disableProperty().bind(enabled.not());
        }
        StackPane wrapper = new StackPane(b);
        wrapper.getStyleClass().add("action-wrapper");
        Tooltip t = new Tooltip();
        t.setShowDelay(Duration.millis(300));
        t.setWrapText(true);
        t.setMaxWidth(420);
        if (tip != null) {
            t.textProperty().bind(tip);
        } else {
            t.textProperty().bind(i18n.text(a.textKey() + ".tip"));
        }
        Tooltip.install(wrapper, t);
        return wrapper;
    }

    /** A menu item; {@code withAccelerator} only for the menu bar (a context menu must not register it twice). */
    public MenuItem menuItem(Actions a, Runnable onAction, ReadOnlyBooleanProperty enabled, boolean withAccelerator) {
        MenuItem m = new MenuItem();
        m.textProperty().bind(i18n.text(a.textKey()));
        m.setGraphic(Icons.of(a.icon()));
        if (withAccelerator) {
            m.setAccelerator(a.keys());
        }
        m.setOnAction(e -> onAction.run());
        if (enabled != null) {
            m.disableProperty().bind(enabled.not());
        }
        return m;
    }
}
