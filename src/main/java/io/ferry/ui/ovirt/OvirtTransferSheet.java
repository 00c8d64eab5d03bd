package io.ferry.ui.ovirt;

import atlantafx.base.theme.Styles;
import io.ferry.domain.Direction;
import io.ferry.ui.common.Formats;
import io.ferry.ui.common.Icons;
import io.ferry.ui.common.SheetControls;
import io.ferry.ui.common.TwoLineCell;
import io.ferry.ui.connections.ConnectionsPort.Disk;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.connections.ConnectionsPort.StorageDomain;
import io.ferry.ui.i18n.I18n;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;
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
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

/**
 * "Upload to oVirt…" and "Download from oVirt…": the connection, then the storage domain, disk name and format of
 * an upload, or the disk to download and the local folder. {@code chooseFolder} opens the platform chooser.
 */
public final class OvirtTransferSheet {
    private final VBox root;

    public OvirtTransferSheet(OvirtTransferViewModel vm, I18n i18n, Function<Path, File> chooseFolder, Runnable close) {
        boolean upload = vm.modeProperty().get() == Direction.UPLOAD;
        Formats fmt = Formats.of(i18n, java.time.ZoneId.systemDefault());
        Label title = new Label();
        title.textProperty().bind(i18n.text(upload ? "ovirt.upload.title" : "ovirt.download.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label();
        hint.textProperty().bind(i18n.text(upload ? "ovirt.upload.hint" : "ovirt.download.hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);

        ComboBox<Profile> connection = new ComboBox<>(vm.connections());
        connection.setId("ovirt-connection");
        connection.setMaxWidth(Double.MAX_VALUE);
        connection.setCellFactory(lv -> profileCell());
        connection.setButtonCell(profileCell());
        connection.valueProperty().bindBidirectional(vm.connectionProperty());

        GridPane grid = SheetControls.form(14, 10);
        int row = 0;
        grid.addRow(row++, label(i18n, "ovirt.connection"), connection);

        VBox body = new VBox(14, new VBox(2, title, hint), grid);
        if (upload) {
            Label file = new Label();
            file.setId("ovirt-image");
            file.textProperty().bind(Bindings.createStringBinding(() -> {
                Path p = vm.imageProperty().get();
                String info = vm.imageInfoProperty().get();
                return p == null ? "" : p.getFileName() + (info.isEmpty() ? "" : "  ·  " + info);
            }, vm.imageProperty(), vm.imageInfoProperty()));
            file.setGraphic(Icons.of(MaterialDesignH.HARDDISK));
            grid.addRow(row++, label(i18n, "ovirt.image"), file);

            ComboBox<StorageDomain> domain = new ComboBox<>(vm.domains());
            domain.setId("ovirt-domain");
            domain.setMaxWidth(Double.MAX_VALUE);
            domain.setCellFactory(lv -> domainCell(i18n, fmt));
            domain.setButtonCell(domainCell(i18n, fmt));
            domain.valueProperty().bindBidirectional(vm.domainProperty());
            grid.addRow(row++, label(i18n, "ovirt.domain"), domain);

            TextField name = new TextField();
            name.setId("ovirt-disk-name");
            name.textProperty().bindBidirectional(vm.diskNameProperty());
            grid.addRow(row++, label(i18n, "ovirt.diskName"), name);

            ComboBox<String> format = new ComboBox<>();
            format.setId("ovirt-format");
            format.getItems().setAll(OvirtTransferViewModel.FORMATS);
            format.setCellFactory(lv -> formatCell(i18n));
            format.setButtonCell(formatCell(i18n));
            format.valueProperty().bindBidirectional(vm.formatProperty());
            grid.addRow(row++, label(i18n, "ovirt.format"), format);
        } else {
            ListView<Disk> disks = new ListView<>(vm.disks());
            disks.setId("ovirt-disks");
            disks.getStyleClass().addAll("picker-list", Styles.DENSE);
            disks.setPrefHeight(220);
            Label placeholder = new Label();
            placeholder.textProperty().bind(Bindings.createStringBinding(
                    () -> i18n.get(vm.loadingProperty().get() ? "ovirt.loading" : "ovirt.noDisks"),
                    vm.loadingProperty(), i18n.localeProperty()));
            placeholder.getStyleClass().add(Styles.TEXT_MUTED);
            disks.setPlaceholder(placeholder);
            disks.setCellFactory(TwoLineCell.factory(d -> d.name().isBlank() ? d.id() : d.name(),
                    d -> String.join("  ·  ", d.format(), fmt.bytes(d.provisionedBytes()), d.status(), d.id())));
            disks.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.diskProperty().set(now));
            vm.diskProperty().addListener((o, was, now) -> {
                if (disks.getSelectionModel().getSelectedItem() != now) {
                    disks.getSelectionModel().select(now);
                }
            });
            disks.getSelectionModel().select(vm.diskProperty().get());
            Label disksLabel = label(i18n, "ovirt.disks");
            disksLabel.getStyleClass().add(Styles.TEXT_BOLD);

            TextField folder = new TextField();
            folder.setId("ovirt-folder");
            folder.setEditable(false);
            folder.textProperty().bind(Bindings.createStringBinding(() -> {
                Path t = vm.downloadTarget();
                Path f = vm.folderProperty().get();
                return t != null ? t.toString() : f == null ? "" : f.toString();
            }, vm.folderProperty(), vm.diskProperty()));
            HBox.setHgrow(folder, Priority.ALWAYS);
            Button browse = new Button();
            browse.setId("ovirt-browse");
            browse.textProperty().bind(i18n.text("connections.browse"));
            browse.setGraphic(Icons.of(MaterialDesignF.FOLDER_OPEN_OUTLINE));
            browse.setOnAction(e -> {
                File f = chooseFolder.apply(vm.folderProperty().get());
                if (f != null) {
                    vm.folderProperty().set(f.toPath());
                }
            });
            body.getChildren().add(new VBox(8, disksLabel, disks));
            GridPane target = SheetControls.form(14, 0);
            target.addRow(0, label(i18n, "ovirt.target"), new HBox(8, folder, browse));
            body.getChildren().add(target);
        }

        Label problem = SheetControls.problem("ovirt-problem", Bindings.createStringBinding(() -> {
            for (String s : new String[] {vm.errorProperty().get(), vm.loadErrorProperty().get(), vm.problemProperty().get()}) {
                if (!s.isEmpty()) {
                    return s;
                }
            }
            return "";
        }, vm.errorProperty(), vm.loadErrorProperty(), vm.problemProperty()));

        Button cancel = SheetControls.cancel("ovirt-cancel", i18n, close);
        Button start = SheetControls.primary("ovirt-start",
                i18n.text(upload ? "ovirt.upload.start" : "ovirt.download.start"),
                upload ? MaterialDesignA.ARROW_UP : MaterialDesignA.ARROW_DOWN);
        start.disableProperty().bind(vm.canStartProperty().not());
        start.setOnAction(e -> vm.start());
        vm.doneProperty().addListener((o, was, now) -> {
            if (now) {
                close.run();
            }
        });
        Region sp = new Region();
        HBox.setHgrow(sp, Priority.ALWAYS);
        HBox buttons = new HBox(8, sp, cancel, start);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        body.getChildren().addAll(problem, buttons);

        root = body;
        root.setId(upload ? "ovirt-upload-sheet" : "ovirt-download-sheet");
        root.getStyleClass().add("ferry-sheet");
        root.setPadding(new Insets(24));
        root.setPrefWidth(600);
        root.setMaxSize(600, Region.USE_PREF_SIZE);
        root.getStylesheets().add(OvirtTransferSheet.class.getResource("/io/ferry/ui/connections/connections.css").toExternalForm());
    }

    private static ListCell<Profile> profileCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Profile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name());
                setGraphic(empty || p == null ? null : Icons.of(Icons.provider("ovirt")));
            }
        };
    }

    private static ListCell<StorageDomain> domainCell(I18n i18n, Formats fmt) {
        return new ListCell<>() {
            @Override
            protected void updateItem(StorageDomain d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.availableBytes() < 0 ? d.name()
                        : i18n.get("ovirt.domain.free", d.name(), fmt.bytes(d.availableBytes())));
            }
        };
    }

    private static ListCell<String> formatCell(I18n i18n) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : i18n.get("ovirt.format." + f));
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
