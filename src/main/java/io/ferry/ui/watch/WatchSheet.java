package io.ferry.ui.watch;

import atlantafx.base.theme.Styles;
import io.ferry.ui.common.Icons;
import io.ferry.ui.common.SheetControls;
import io.ferry.ui.common.TwoLineCell;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.connections.ConnectionsPort.RecentJob;
import io.ferry.ui.i18n.I18n;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/** The "Watch…" sheet: connection, job or operation id, the recent list to pick from, and Watch. */
public final class WatchSheet {
    private final VBox root;

    public WatchSheet(WatchViewModel vm, I18n i18n, ZoneId zone, Runnable close) {
        Label title = new Label();
        title.textProperty().bind(i18n.text("watch.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label();
        hint.textProperty().bind(i18n.text("watch.hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);

        ComboBox<Profile> connection = new ComboBox<>(vm.connections());
        connection.setId("watch-connection");
        connection.setMaxWidth(Double.MAX_VALUE);
        connection.setCellFactory(lv -> profileCell(i18n));
        connection.setButtonCell(profileCell(i18n));
        connection.valueProperty().bindBidirectional(vm.connectionProperty());

        TextField id = new TextField();
        id.setId("watch-id");
        id.textProperty().bindBidirectional(vm.jobIdProperty());
        id.promptTextProperty().bind(Bindings.createStringBinding(() -> {
            Profile p = vm.connectionProperty().get();
            return i18n.get(p == null ? "watch.prompt.id" : "watch.prompt.id." + p.kind().providerId());
        }, vm.connectionProperty(), i18n.localeProperty()));

        GridPane grid = SheetControls.form(14, 10);
        grid.addRow(0, label(i18n, "watch.connection"), connection);
        grid.addRow(1, label(i18n, "watch.id"), id);

        Label recentLabel = label(i18n, "watch.recent");
        recentLabel.getStyleClass().add(Styles.TEXT_BOLD);
        Button list = new Button();
        list.setId("watch-list-recent");
        list.textProperty().bind(i18n.text("watch.recent.list"));
        list.setGraphic(Icons.of(MaterialDesignF.FORMAT_LIST_BULLETED));
        list.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !WatchViewModel.canList(vm.connectionProperty().get()) || vm.loadingProperty().get(),
                vm.connectionProperty(), vm.loadingProperty()));
        list.setOnAction(e -> vm.loadRecent());
        Region sp = new Region();
        HBox.setHgrow(sp, Priority.ALWAYS);
        HBox recentBar = new HBox(10, recentLabel, sp, list);
        recentBar.setAlignment(Pos.CENTER_LEFT);

        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withZone(zone);
        ListView<RecentJob> recent = new ListView<>(vm.recent());
        recent.setId("watch-recent");
        recent.getStyleClass().addAll("picker-list", Styles.DENSE);
        recent.setPrefHeight(220);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> {
            if (!vm.recentMessageProperty().get().isEmpty()) {
                return vm.recentMessageProperty().get();
            }
            return i18n.get(WatchViewModel.canList(vm.connectionProperty().get()) ? "watch.recent.hint" : "watch.recent.unsupported");
        }, vm.recentMessageProperty(), vm.connectionProperty(), i18n.localeProperty()));
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        recent.setPlaceholder(placeholder);
        recent.setCellFactory(TwoLineCell.factory(j -> j.label().isBlank() ? j.id() : j.label(),
                j -> String.join("  ·  ", java.util.stream.Stream.of(j.status(),
                        j.started() == null ? "" : when.withLocale(i18n.locale()).format(j.started()), j.label().isBlank() ? "" : j.id())
                        .filter(s -> !s.isBlank()).toList())));
        recent.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.pickedRecentProperty().set(now));
        vm.pickedRecentProperty().addListener((o, was, now) -> {
            if (recent.getSelectionModel().getSelectedItem() != now) {
                recent.getSelectionModel().select(now);
            }
        });
        recent.getSelectionModel().select(vm.pickedRecentProperty().get());

        Label problem = SheetControls.problem("watch-problem", Bindings.createStringBinding(
                () -> vm.errorProperty().get().isEmpty() ? vm.problemProperty().get() : vm.errorProperty().get(),
                vm.problemProperty(), vm.errorProperty()));

        Button cancel = SheetControls.cancel("watch-cancel", i18n, close);
        Button add = SheetControls.primary("watch-add", i18n.text("watch.add"), MaterialDesignE.EYE_OUTLINE);
        add.disableProperty().bind(vm.canAddProperty().not());
        add.setOnAction(e -> vm.add());
        vm.doneProperty().addListener((o, was, now) -> {
            if (now) {
                close.run();
            }
        });
        Region sp2 = new Region();
        HBox.setHgrow(sp2, Priority.ALWAYS);
        HBox buttons = new HBox(8, sp2, cancel, add);

        root = new VBox(14, new VBox(2, title, hint), grid, new VBox(8, recentBar, recent), problem, buttons);
        root.setId("watch-sheet");
        root.getStyleClass().add("ferry-sheet");
        root.setPadding(new Insets(24));
        root.setPrefWidth(600);
        root.setMaxSize(600, Region.USE_PREF_SIZE);
        root.getStylesheets().add(WatchSheet.class.getResource("/io/ferry/ui/connections/connections.css").toExternalForm());
    }

    static ListCell<Profile> profileCell(I18n i18n) {
        return new ListCell<>() {
            @Override
            protected void updateItem(Profile p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    setText(p.name() + "  (" + i18n.get("connections.kind." + p.kind().providerId()) + ")");
                    setGraphic(Icons.of(Icons.provider(p.kind().providerId())));
                }
            }
        };
    }

    private static Label label(I18n i18n, String key) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        return l;
    }

    public Node node() {
        return root;
    }
}
