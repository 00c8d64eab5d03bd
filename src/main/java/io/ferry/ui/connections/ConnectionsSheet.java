package io.ferry.ui.connections;

import atlantafx.base.theme.Styles;
import io.ferry.ui.common.Icons;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.connections.ConnectionsViewModel.TestOutcome;
import io.ferry.ui.i18n.I18n;
import java.io.File;
import java.util.function.Function;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The Connections manager sheet: the profile list with Add (per kind), Edit, Remove and Test, each profile's last
 * test result under it; the editor replaces the list while a profile is added or edited. {@code chooseFile}
 * opens the platform file chooser (given by the host, so the sheet needs no stage).
 */
public final class ConnectionsSheet {
    private final VBox root;
    private final StackPane pages = new StackPane();
    private final VBox listPage;
    private final ConnectionsViewModel vm;
    private final I18n i18n;
    private final Function<String, File> chooseFile;

    public ConnectionsSheet(ConnectionsViewModel vm, I18n i18n, Function<String, File> chooseFile, Runnable close) {
        this.vm = vm;
        this.i18n = i18n;
        this.chooseFile = chooseFile;
        Label title = new Label();
        title.textProperty().bind(i18n.text("connections.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label();
        hint.textProperty().bind(i18n.text("connections.hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);

        ListView<Profile> list = new ListView<>(vm.profiles());
        list.setId("connections-list");
        list.getStyleClass().add("connections-list");
        list.setPrefHeight(300);
        list.setCellFactory(lv -> new ProfileCell());
        Label empty = new Label();
        empty.textProperty().bind(i18n.text("connections.empty"));
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedProperty().set(now));
        vm.selectedProperty().addListener((o, was, now) -> {
            if (list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        vm.outcomes().addListener((MapChangeListener<String, TestOutcome>) c -> list.refresh());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && vm.selectedProperty().get() != null) {
                vm.editSelected();
            }
        });

        MenuButton add = new MenuButton();
        add.setId("connections-add");
        add.textProperty().bind(i18n.text("connections.add"));
        add.setGraphic(Icons.of(MaterialDesignP.PLUS));
        add.getStyleClass().add(Styles.ACCENT);
        for (Kind k : Kind.values()) {
            MenuItem item = new MenuItem();
            item.setId("connections-add-" + k.providerId());
            item.textProperty().bind(i18n.text("connections.kind." + k.providerId()));
            item.setGraphic(Icons.of(Icons.provider(k.providerId())));
            item.setOnAction(e -> vm.add(k));
            add.getItems().add(item);
        }
        var none = vm.selectedProperty().isNull();
        Button edit = button("connections-edit", "connections.edit", Icons.of(MaterialDesignP.PENCIL_OUTLINE));
        edit.disableProperty().bind(none);
        edit.setOnAction(e -> vm.editSelected());
        Button remove = button("connections-remove", "connections.remove", Icons.of(MaterialDesignD.DELETE_OUTLINE));
        remove.disableProperty().bind(none);
        remove.getStyleClass().add(Styles.DANGER);
        remove.setOnAction(e -> vm.removeSelected());
        Button test = button("connections-test", "connections.test", Icons.of(MaterialDesignL.LAN_CONNECT));
        test.disableProperty().bind(none);
        test.setOnAction(e -> vm.testSelected());
        HBox actions = new HBox(8, add, edit, test, spacer(), remove);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("connections-error");
        error.textProperty().bind(vm.errorProperty());
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Button done = button("connections-close", "button.close", null);
        done.setCancelButton(true);
        done.setOnAction(e -> close.run());
        HBox bottom = new HBox(done);
        bottom.setAlignment(Pos.CENTER_RIGHT);

        listPage = new VBox(12, actions, list, error, bottom);
        VBox.setVgrow(list, Priority.ALWAYS);
        pages.getChildren().add(listPage);
        vm.editorProperty().addListener((o, was, now) -> showEditor(now));

        root = new VBox(14, new VBox(2, title, hint), pages);
        VBox.setVgrow(pages, Priority.ALWAYS);
        root.setId("connections-sheet");
        root.getStyleClass().addAll("ferry-sheet", "connections-sheet");
        root.setPadding(new Insets(24));
        root.setPrefWidth(640);
        root.setMaxSize(640, Region.USE_PREF_SIZE);
        root.getStylesheets().add(ConnectionsSheet.class.getResource("/io/ferry/ui/connections/connections.css").toExternalForm());
    }

    private void showEditor(ProfileEditorViewModel editor) {
        if (editor == null) {
            pages.getChildren().setAll(listPage);
        } else {
            pages.getChildren().setAll(new ProfileEditorView(editor, i18n, chooseFile, vm::closeEditor).node());
        }
    }

    private Button button(String id, String key, Node graphic) {
        Button b = new Button();
        b.setId(id);
        b.textProperty().bind(i18n.text(key));
        b.setGraphic(graphic);
        return b;
    }

    static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public Node node() {
        return root;
    }

    private final class ProfileCell extends ListCell<Profile> {
        @Override
        protected void updateItem(Profile p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label(p.name());
            name.getStyleClass().addAll("profile-name", Styles.TEXT_BOLD);
            Label where = new Label(vm.describe(p));
            where.getStyleClass().addAll("profile-where", Styles.TEXT_MUTED);
            VBox text = new VBox(2, name, where);
            TestOutcome out = vm.outcomes().get(p.id());
            if (out != null) {
                Label result = new Label(out.text());
                result.getStyleClass().add("profile-test");
                result.setWrapText(true);
                result.setGraphic(Icons.of(out.running() ? MaterialDesignT.TIMER_SAND
                        : out.ok() ? MaterialDesignC.CHECK_CIRCLE_OUTLINE : MaterialDesignA.ALERT_CIRCLE_OUTLINE));
                result.getStyleClass().add(out.running() ? Styles.TEXT_MUTED : out.ok() ? Styles.SUCCESS : Styles.DANGER);
                text.getChildren().add(result);
            }
            HBox box = new HBox(12, Icons.of(Icons.provider(p.kind().providerId()), "profile-icon"), text);
            box.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(box);
            setId("profile-" + p.id());
        }
    }
}
