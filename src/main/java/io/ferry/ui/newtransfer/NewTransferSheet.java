package io.ferry.ui.newtransfer;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import io.ferry.ui.common.Icons;
import io.ferry.ui.i18n.I18n;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

/**
 * The New transfer sheet: what will be transferred, the destination folder (typed or chosen), verify and overwrite,
 * a line saying what is still wrong, and Start. Shown in the window's modal layer; {@code chooseFolder} opens the
 * platform folder chooser (given by the window, so the sheet needs no stage).
 */
public final class NewTransferSheet {
    private final VBox root;
    /** Extension point: another destination offered under the local one (e.g. "Upload to oVirt…"). */
    private final VBox extension = new VBox(6);

    public NewTransferSheet(NewTransferViewModel vm, I18n i18n, Function<Path, File> chooseFolder) {
        Label title = new Label();
        title.textProperty().bind(i18n.text("newTransfer.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label subtitle = new Label();
        subtitle.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.get("newTransfer.subtitle", vm.sources().size()), vm.sources(), i18n.localeProperty()));
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);

        ListView<Path> list = new ListView<>(vm.sources());
        list.setId("new-sources");
        list.setPrefHeight(120);
        list.getStyleClass().addAll(Styles.DENSE, "source-list");
        list.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(Path p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    setText(p.toString());
                    setGraphic(Icons.of(Files.isDirectory(p) ? MaterialDesignF.FOLDER_OUTLINE : MaterialDesignF.FILE_OUTLINE));
                }
            }
        });

        Label destLabel = new Label();
        destLabel.textProperty().bind(i18n.text("newTransfer.destination"));
        destLabel.getStyleClass().add("field-label");
        Label kind = new Label();
        kind.textProperty().bind(i18n.text("newTransfer.destination.local"));
        kind.setGraphic(Icons.of(MaterialDesignH.HARDDISK));
        kind.getStyleClass().add(Styles.TEXT_MUTED);
        TextField dest = new TextField();
        dest.setId("new-destination");
        dest.promptTextProperty().bind(i18n.text("newTransfer.destination.prompt"));
        HBox.setHgrow(dest, Priority.ALWAYS);
        vm.destinationProperty().addListener((o, was, now) -> {
            String s = now == null ? "" : now.toString();
            if (!s.equals(dest.getText())) {
                dest.setText(s);
            }
        });
        dest.textProperty().addListener((o, was, now) -> {
            Path p = now == null || now.isBlank() ? null : Path.of(now.trim());
            if (!java.util.Objects.equals(p, vm.destinationProperty().get())) {
                vm.destinationProperty().set(p);
            }
        });
        Button browse = new Button();
        browse.setId("new-browse");
        browse.textProperty().bind(i18n.text("newTransfer.browse"));
        browse.setGraphic(Icons.of(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        browse.setOnAction(e -> {
            File f = chooseFolder.apply(vm.destinationProperty().get());
            if (f != null) {
                vm.destinationProperty().set(f.toPath());
            }
        });
        HBox destRow = new HBox(8, dest, browse);

        ToggleSwitch verify = new ToggleSwitch();
        verify.setId("new-verify");
        verify.textProperty().bind(i18n.text("newTransfer.verify"));
        verify.selectedProperty().bindBidirectional(vm.verifyProperty());
        ToggleSwitch overwrite = new ToggleSwitch();
        overwrite.setId("new-overwrite");
        overwrite.textProperty().bind(i18n.text("newTransfer.overwrite"));
        overwrite.selectedProperty().bindBidirectional(vm.overwriteProperty());
        Label optionsLabel = new Label();
        optionsLabel.textProperty().bind(i18n.text("newTransfer.options"));
        optionsLabel.getStyleClass().add("field-label");
        VBox options = new VBox(10, verify, overwrite);

        Label problem = new Label();
        problem.setId("new-problem");
        problem.textProperty().bind(vm.problemProperty());
        problem.setWrapText(true);
        problem.setGraphic(Icons.of(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        problem.getStyleClass().addAll(Styles.WARNING, "sheet-problem");
        problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Button cancel = new Button();
        cancel.setId("new-cancel");
        cancel.textProperty().bind(i18n.text("button.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> vm.dismiss());
        Button start = new Button();
        start.setId("new-start");
        start.textProperty().bind(i18n.text("newTransfer.start"));
        start.getStyleClass().add(Styles.ACCENT);
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.canConfirmProperty().not());
        start.setOnAction(e -> vm.confirm());
        Region sp = new Region();
        HBox.setHgrow(sp, Priority.ALWAYS);
        HBox buttons = new HBox(8, sp, cancel, start);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        extension.setId("new-extension");
        extension.managedProperty().bind(Bindings.isNotEmpty(extension.getChildren()));
        extension.visibleProperty().bind(extension.managedProperty());
        root = new VBox(14, new VBox(2, title, subtitle), list, new VBox(6, destLabel, kind, destRow), extension,
                new VBox(8, optionsLabel, options), problem, buttons);
        root.setId("new-transfer-sheet");
        root.getStyleClass().add("ferry-sheet");
        root.setPadding(new Insets(24));
        root.setMaxSize(560, Region.USE_PREF_SIZE);
        root.setPrefWidth(560);
        root.getStylesheets().add(NewTransferSheet.class.getResource("/io/ferry/ui/newtransfer/newtransfer.css").toExternalForm());
    }

    public Node node() {
        return root;
    }

    /** Shows {@code node} (null: nothing) as another destination under the local folder. */
    public void setExtension(Node node) {
        if (node == null) {
            extension.getChildren().clear();
        } else {
            extension.getChildren().setAll(node);
        }
    }
}
