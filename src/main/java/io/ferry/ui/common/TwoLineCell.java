package io.ferry.ui.common;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.util.Callback;

/** A list row of a title over a muted detail line, wrapped to the list's width (no horizontal scrollbar). */
public final class TwoLineCell<T> extends ListCell<T> {
    private final Function<T, String> title;
    private final Function<T, String> detail;

    private TwoLineCell(Function<T, String> title, Function<T, String> detail) {
        this.title = title;
        this.detail = detail;
    }

    public static <T> Callback<ListView<T>, ListCell<T>> factory(Function<T, String> title, Function<T, String> detail) {
        return lv -> new TwoLineCell<>(title, detail);
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        Label meta = new Label(detail.apply(item));
        meta.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(2, new Label(title.apply(item)), meta);
        box.setMinWidth(0);
        if (getListView() != null) {
            box.prefWidthProperty().bind(getListView().widthProperty().subtract(32));
        }
        setGraphic(box);
    }
}
