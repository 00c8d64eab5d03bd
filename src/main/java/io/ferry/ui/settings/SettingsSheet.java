package io.ferry.ui.settings;

import io.ferry.ui.common.SheetControls;
import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import io.ferry.ui.i18n.I18n;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The settings sheet: every change applies at once (no OK/Apply); Close only hides it. */
public final class SettingsSheet {
    private final VBox root;

    public SettingsSheet(SettingsViewModel vm, I18n i18n, Runnable close) {
        Label title = new Label();
        title.textProperty().bind(i18n.text("settings.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label();
        hint.textProperty().bind(i18n.text("settings.appliedAtOnce"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);

        Spinner<Integer> max = new Spinner<>(1, SettingsViewModel.MAX_CONCURRENT_LIMIT, vm.maxConcurrentProperty().get());
        max.setId("settings-max-concurrent");
        max.setEditable(true);
        max.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.maxConcurrentProperty().set(now);
            }
        });

        var bwFactory = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 100_000, (int) Math.round(vm.bandwidthLimitMiB()), 10);
        Spinner<Integer> bandwidth = new Spinner<>(bwFactory);
        bandwidth.setId("settings-bandwidth");
        bandwidth.setEditable(true);
        bandwidth.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.setBandwidthLimitMiB(now);
            }
        });
        Label bwUnit = new Label();
        bwUnit.textProperty().bind(i18n.text("settings.bandwidth.unit"));
        bwUnit.getStyleClass().add(Styles.TEXT_MUTED);
        HBox bwRow = new HBox(8, bandwidth, bwUnit);
        bwRow.setAlignment(Pos.CENTER_LEFT);

        ToggleSwitch verify = new ToggleSwitch();
        verify.setId("settings-verify");
        verify.selectedProperty().bindBidirectional(vm.verifyByDefaultProperty());

        ComboBox<Theme> theme = new ComboBox<>();
        theme.setId("settings-theme");
        theme.getItems().setAll(Theme.values());
        theme.setCellFactory(lv -> themeCell(i18n));
        theme.setButtonCell(themeCell(i18n));
        theme.valueProperty().bindBidirectional(vm.themeProperty());

        ComboBox<Locale> language = new ComboBox<>();
        language.setId("settings-language");
        language.getItems().setAll(I18n.SUPPORTED);
        language.setCellFactory(lv -> languageCell(i18n));
        language.setButtonCell(languageCell(i18n));
        language.valueProperty().bindBidirectional(vm.languageProperty());
        i18n.localeProperty().addListener(o -> {
            theme.setButtonCell(themeCell(i18n));
            language.setButtonCell(languageCell(i18n));
        });

        GridPane grid = SheetControls.form(16, 12);
        grid.addRow(0, label(i18n, "settings.maxConcurrent"), max);
        grid.addRow(1, label(i18n, "settings.bandwidth"), bwRow);
        grid.addRow(2, label(i18n, "settings.verify"), verify);
        grid.addRow(3, label(i18n, "settings.theme"), theme);
        grid.addRow(4, label(i18n, "settings.language"), language);

        Button done = new Button();
        done.setId("settings-close");
        done.textProperty().bind(i18n.text("button.close"));
        done.setDefaultButton(true);
        done.setCancelButton(true);
        done.setOnAction(e -> close.run());
        HBox buttons = new HBox(done);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        root = new VBox(16, new VBox(2, title, hint), grid, buttons);
        root.setId("settings-sheet");
        root.getStyleClass().add("ferry-sheet");
        root.setPadding(new Insets(24));
        root.setMaxSize(520, Region.USE_PREF_SIZE);
        root.setPrefWidth(520);
        root.getStylesheets().add(SettingsSheet.class.getResource("/io/ferry/ui/settings/settings.css").toExternalForm());
    }

    private static Label label(I18n i18n, String key) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        return l;
    }

    private static ListCell<Theme> themeCell(I18n i18n) {
        return new ListCell<>() {
            @Override
            protected void updateItem(Theme t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : i18n.get("theme." + t.key()));
            }
        };
    }

    private static ListCell<Locale> languageCell(I18n i18n) {
        return new ListCell<>() {
            @Override
            protected void updateItem(Locale l, boolean empty) {
                super.updateItem(l, empty);
                setText(empty || l == null ? null : i18n.get("language." + l.getLanguage()));
            }
        };
    }

    public Node node() {
        return root;
    }
}
