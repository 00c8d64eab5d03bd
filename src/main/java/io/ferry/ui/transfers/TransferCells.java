package io.ferry.ui.transfers;

import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.ui.common.Formats;
import io.ferry.ui.common.Icons;
import io.ferry.ui.common.PhaseBadge;
import io.ferry.ui.i18n.I18n;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

/** The table's cells. Each formats its value when shown, so only visible rows cost anything. */
final class TransferCells {
    private TransferCells() {}

    /** Provider icon and name; tooltip with source and target. */
    static final class NameCell extends TableCell<TransferRow, Transfer> {
        private final FontIcon icon = new FontIcon();
        private final Label name = new Label();
        private final Label errors = new Label();
        private final HBox box = new HBox(8, icon, name, errors);
        private final Tooltip tip = new Tooltip();
        private final I18n i18n;

        NameCell(I18n i18n) {
            this.i18n = i18n;
            box.setAlignment(Pos.CENTER_LEFT);
            icon.getStyleClass().add("provider-icon");
            name.getStyleClass().add("transfer-name");
            name.setMinWidth(0);
            HBox.setHgrow(name, Priority.ALWAYS);
            getStyleClass().add("name-cell");
            errors.getStyleClass().add("error-tag");
            errors.setMinWidth(Label.USE_PREF_SIZE);
            errors.setGraphic(new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT_CIRCLE_OUTLINE));
            errors.managedProperty().bind(errors.visibleProperty());
        }

        @Override
        protected void updateItem(Transfer t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            icon.setIconCode(Icons.provider(t.provider()));
            name.setText(t.name());
            long errorCount = t.errors().totalCount();
            errors.setVisible(errorCount > 0);
            if (errorCount > 0) {
                errors.setText(Long.toString(errorCount));
            }
            String provider = i18n.get("provider." + t.provider());
            tip.setText(t.name() + "\n" + provider + "\n" + i18n.get("detail.source") + ": " + t.source() + "\n"
                    + i18n.get("detail.target") + ": " + t.target());
            setTooltip(tip);
            setGraphic(box);
            setAccessibleText(provider + ", " + t.name()
                    + (errorCount > 0 ? ", " + i18n.get("detail.errors", errorCount) : ""));
        }
    }

    static final class DirectionCell extends TableCell<TransferRow, Transfer> {
        private final FontIcon icon = new FontIcon();
        private final Tooltip tip = new Tooltip();
        private final I18n i18n;

        DirectionCell(I18n i18n) {
            this.i18n = i18n;
            icon.getStyleClass().add("direction-icon");
            setAlignment(Pos.CENTER);
        }

        @Override
        protected void updateItem(Transfer t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            Direction d = t.direction();
            icon.setIconCode(Icons.direction(d));
            tip.setText(i18n.get("direction." + d.wireName()));
            setTooltip(tip);
            setGraphic(icon);
            setAccessibleText(tip.getText());
        }
    }

    static final class PhaseCell extends TableCell<TransferRow, Transfer> {
        private final PhaseBadge badge = new PhaseBadge();
        private final I18n i18n;

        PhaseCell(I18n i18n) {
            this.i18n = i18n;
            setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Transfer t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                return;
            }
            badge.show(t.phase(), t.nativeStatus(), t.phaseReason(), i18n);
            setGraphic(badge);
        }
    }

    /** A bar (indeterminate when active with no total) and the percent beside it. */
    static final class ProgressCell extends TableCell<TransferRow, Transfer> {
        private final ProgressBar bar = new ProgressBar();
        private final Label percent = new Label();
        private final HBox box = new HBox(8, bar, percent);
        private final Supplier<Formats> formats;
        private String barStyle = "";

        ProgressCell(Supplier<Formats> formats) {
            this.formats = formats;
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add("row-progress");
            HBox.setHgrow(bar, Priority.ALWAYS);
            percent.getStyleClass().add("percent");
            percent.setMinWidth(46);
            percent.setAlignment(Pos.CENTER_RIGHT);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Transfer t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                return;
            }
            double v = TransferRow.progressOf(t);
            bar.setProgress(v < 0 ? ProgressBar.INDETERMINATE_PROGRESS : v);
            String style = "bar-" + t.phase().group().name().toLowerCase(Locale.ROOT);
            if (!style.equals(barStyle)) { // a style-class change costs a CSS pass: only on a group change
                bar.getStyleClass().remove(barStyle);
                bar.getStyleClass().add(style);
                barStyle = style;
            }
            String pct = v < 0 ? "" : formats.get().percent(v * 100);
            if (!pct.equals(percent.getText())) {
                percent.setText(pct);
                bar.setAccessibleText(pct);
            }
            setGraphic(box);
        }
    }

    /** Any value formatted as text, right-aligned (numbers) or left-aligned. */
    static final class TextCell<T> extends TableCell<TransferRow, T> {
        private final Function<T, String> format;

        TextCell(Function<T, String> format, boolean numeric) {
            this.format = format;
            if (numeric) {
                getStyleClass().add("numeric-cell");
                setAlignment(Pos.CENTER_RIGHT);
            }
        }

        @Override
        protected void updateItem(T v, boolean empty) {
            super.updateItem(v, empty);
            setText(empty || v == null ? null : format.apply(v));
        }
    }

    static String eta(Formats f, Duration d) {
        return f.eta(d);
    }
}
