package io.ferry.ui.common;

import atlantafx.base.theme.Styles;
import io.ferry.ui.i18n.I18n;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/**
 * The controls every sheet is made of: the label/value form, the problem line, Cancel, and the accented primary
 * button.
 */
public final class SheetControls {
    private SheetControls() {}

    /** A warning line bound to {@code text}, shown (and taking space) only while there is a problem to show. */
    public static Label problem(String id, ObservableValue<String> text) {
        Label problem = new Label();
        problem.setId(id);
        problem.textProperty().bind(text);
        problem.setWrapText(true);
        problem.setGraphic(Icons.of(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        problem.getStyleClass().addAll(Styles.WARNING, "sheet-problem");
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        return problem;
    }

    /** Cancel (Escape): runs {@code close}. */
    public static Button cancel(String id, I18n i18n, Runnable close) {
        Button cancel = new Button();
        cancel.setId(id);
        cancel.textProperty().bind(i18n.text("button.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close.run());
        return cancel;
    }

    /** The sheet's default (Enter), accented button. */
    public static Button primary(String id, ObservableValue<String> text, Ikon icon) {
        Button button = new Button();
        button.setId(id);
        button.textProperty().bind(text);
        button.setGraphic(Icons.of(icon));
        button.getStyleClass().add(Styles.ACCENT);
        button.setDefaultButton(true);
        return button;
    }

    /**
     * A two-column form: labels at their preferred width on the left, values taking the rest of the width. Rows are
     * added with {@link GridPane#addRow}.
     */
    public static GridPane form(double hgap, double vgap) {
        GridPane grid = new GridPane();
        grid.setHgap(hgap);
        grid.setVgap(vgap);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, values);
        return grid;
    }
}
