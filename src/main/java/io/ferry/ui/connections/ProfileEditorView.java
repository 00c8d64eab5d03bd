package io.ferry.ui.connections;

import io.ferry.ui.common.SheetControls;
import atlantafx.base.theme.Styles;
import io.ferry.ui.common.Icons;
import io.ferry.ui.connections.ConnectionsPort.Certificate;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ProfileEditorViewModel.TestState;
import io.ferry.ui.i18n.I18n;
import java.io.File;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The profile editor: one row per field, the password, trust and certificate confirmation, Test and Save. */
final class ProfileEditorView {
    private final VBox root;
    private final I18n i18n;

    ProfileEditorView(ProfileEditorViewModel vm, I18n i18n, Function<String, File> chooseFile, Runnable cancel) {
        this.i18n = i18n;
        Label heading = new Label(i18n.get(vm.isNew() ? "connections.editor.new" : "connections.editor.edit",
                i18n.get("connections.kind." + vm.kind().providerId())));
        heading.setGraphic(Icons.of(Icons.provider(vm.kind().providerId())));
        heading.getStyleClass().add(Styles.TITLE_4);

        GridPane grid = SheetControls.form(14, 10);
        int row = 0;
        TextField name = text("profile-name", "connections.prompt.name");
        name.textProperty().bindBidirectional(vm.nameProperty());
        grid.addRow(row++, label("connections.field.name"), name);
        for (ProfileFields.Field f : vm.fieldSpecs()) {
            TextField tf = text("profile-" + f.key(), f.promptKey());
            tf.textProperty().bindBidirectional(vm.field(f.key()));
            Node editor = tf;
            if (f.check() == ProfileFields.Check.FILE) {
                editor = withBrowse(tf, f.labelKey(), chooseFile);
            }
            grid.addRow(row++, label(f.labelKey()), editor);
        }
        if (ProfileFields.needsPassword(vm.kind())) {
            PasswordField pw = new PasswordField();
            pw.setId("profile-password");
            pw.setPromptText(i18n.get(vm.secretStored() && !vm.isNew() ? "connections.prompt.passwordKeep" : "connections.prompt.password"));
            pw.textProperty().bindBidirectional(vm.passwordProperty());
            grid.addRow(row++, label("connections.field.password"), pw);
        }
        if (vm.kind() == Kind.OVIRT) {
            ToggleGroup g = new ToggleGroup();
            RadioButton fetched = new RadioButton(i18n.get("connections.trust.fetched"));
            fetched.setId("trust-fetched");
            fetched.setToggleGroup(g);
            RadioButton file = new RadioButton(i18n.get("connections.trust.file"));
            file.setId("trust-file");
            file.setToggleGroup(g);
            (ProfileFields.TRUST_FILE.equals(vm.trustProperty().get()) ? file : fetched).setSelected(true);
            g.selectedToggleProperty().addListener((o, was, now) ->
                    vm.trustProperty().set(now == file ? ProfileFields.TRUST_FILE : ProfileFields.TRUST_FETCHED));
            grid.addRow(row++, label("connections.field.trust"), new HBox(16, fetched, file));
            TextField ca = text("profile-ca-file", "connections.prompt.ca_file");
            ca.textProperty().bindBidirectional(vm.caFileProperty());
            Node caRow = withBrowse(ca, "connections.field.ca_file", chooseFile);
            Label caLabel = label("connections.field.ca_file");
            grid.addRow(row++, caLabel, caRow);
            var isFile = Bindings.equal(ProfileFields.TRUST_FILE, vm.trustProperty());
            for (Node n : new Node[] {caLabel, caRow}) {
                n.visibleProperty().bind(isFile);
                n.managedProperty().bind(isFile);
            }
        }

        VBox body = new VBox(14, heading, grid);
        if (ProfileFields.pinsCertificate(vm.kind())) {
            Node cert = certificateBox(vm);
            body.getChildren().add(cert);
            if (vm.kind() == Kind.OVIRT) {
                var fetchedTrust = Bindings.equal(ProfileFields.TRUST_FETCHED, vm.trustProperty());
                cert.visibleProperty().bind(fetchedTrust);
                cert.managedProperty().bind(fetchedTrust);
            }
        }

        Label testResult = new Label();
        testResult.setId("profile-test-result");
        testResult.textProperty().bind(vm.testResultProperty());
        testResult.setWrapText(true);
        testResult.visibleProperty().bind(vm.testResultProperty().isNotEmpty());
        testResult.managedProperty().bind(testResult.visibleProperty());
        vm.testStateProperty().addListener((o, was, now) -> styleTest(testResult, now));
        styleTest(testResult, vm.testStateProperty().get());

        Label problem = new Label();
        problem.setId("profile-problem");
        problem.textProperty().bind(Bindings.createStringBinding(
                () -> vm.saveErrorProperty().get().isEmpty() ? vm.problemProperty().get() : vm.saveErrorProperty().get(),
                vm.problemProperty(), vm.saveErrorProperty()));
        problem.setWrapText(true);
        problem.setGraphic(Icons.of(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        problem.getStyleClass().addAll(Styles.WARNING, "sheet-problem");
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Button test = new Button(i18n.get("connections.test"));
        test.setId("profile-test");
        test.setGraphic(Icons.of(MaterialDesignL.LAN_CONNECT));
        test.disableProperty().bind(Bindings.equal(TestState.RUNNING, vm.testStateProperty()).or(vm.busyProperty()));
        test.setOnAction(e -> vm.test());
        Button back = new Button(i18n.get("button.cancel"));
        back.setId("profile-cancel");
        back.setCancelButton(true);
        back.setOnAction(e -> cancel.run());
        Button save = new Button(i18n.get("connections.save"));
        save.setId("profile-save");
        save.setGraphic(Icons.of(MaterialDesignC.CONTENT_SAVE_OUTLINE));
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.disableProperty().bind(vm.canSaveProperty().not());
        save.setOnAction(e -> vm.save());
        HBox buttons = new HBox(8, test, ConnectionsSheet.spacer(), back, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        body.getChildren().addAll(testResult, problem, buttons);
        root = body;
        root.setId("profile-editor");
        root.setPadding(new Insets(0));
    }

    private Node certificateBox(ProfileEditorViewModel vm) {
        Label heading = label("connections.certificate." + vm.kind().providerId());
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        Button fetch = new Button(i18n.get("connections.certificate.fetch"));
        fetch.setId("profile-fetch-certificate");
        fetch.setGraphic(Icons.of(MaterialDesignS.SHIELD_SEARCH));
        fetch.disableProperty().bind(vm.busyProperty());
        fetch.setOnAction(e -> vm.fetchCertificate());
        HBox top = new HBox(10, heading, ConnectionsSheet.spacer(), fetch);
        top.setAlignment(Pos.CENTER_LEFT);

        Label fp = new Label();
        fp.setId("profile-fingerprint");
        fp.getStyleClass().add("fingerprint");
        fp.setWrapText(true);
        Label subject = new Label();
        subject.getStyleClass().add(Styles.TEXT_MUTED);
        subject.setWrapText(true);
        CheckBox confirm = new CheckBox(i18n.get("connections.certificate.confirm"));
        confirm.setId("profile-confirm-certificate");
        confirm.setWrapText(true);
        confirm.selectedProperty().bindBidirectional(vm.confirmedProperty());
        Runnable show = () -> {
            Certificate c = vm.certificateProperty().get();
            fp.setText(c == null ? i18n.get("connections.certificate.none") : "SHA-256  " + c.sha256());
            String details = c == null ? "" : String.join("\n", java.util.stream.Stream.of(c.subject(), c.note())
                    .filter(s -> !s.isBlank()).toList());
            subject.setText(details);
            confirm.setDisable(c == null);
        };
        vm.certificateProperty().addListener((o, was, now) -> show.run());
        show.run();
        subject.visibleProperty().bind(subject.textProperty().isNotEmpty());
        subject.managedProperty().bind(subject.visibleProperty());
        Label error = new Label();
        error.setId("profile-certificate-error");
        error.textProperty().bind(vm.certificateErrorProperty());
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.visibleProperty().bind(vm.certificateErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox box = new VBox(8, top, fp, subject, confirm, error);
        box.getStyleClass().add("certificate-box");
        box.setPadding(new Insets(12));
        return box;
    }

    private static void styleTest(Label l, TestState s) {
        l.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.TEXT_MUTED);
        switch (s) {
            case PASSED -> {
                l.getStyleClass().add(Styles.SUCCESS);
                l.setGraphic(Icons.of(MaterialDesignC.CHECK_CIRCLE_OUTLINE));
            }
            case FAILED -> {
                l.getStyleClass().add(Styles.DANGER);
                l.setGraphic(Icons.of(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
            }
            default -> {
                l.getStyleClass().add(Styles.TEXT_MUTED);
                l.setGraphic(null);
            }
        }
    }

    private Node withBrowse(TextField tf, String titleKey, Function<String, File> chooseFile) {
        Button browse = new Button(i18n.get("connections.browse"));
        browse.setGraphic(Icons.of(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        browse.setOnAction(e -> {
            File f = chooseFile.apply(i18n.get(titleKey));
            if (f != null) {
                tf.setText(f.getAbsolutePath());
            }
        });
        HBox.setHgrow(tf, Priority.ALWAYS);
        return new HBox(8, tf, browse);
    }

    private TextField text(String id, String promptKey) {
        TextField tf = new TextField();
        tf.setId(id);
        tf.setPromptText(i18n.get(promptKey));
        return tf;
    }

    private Label label(String key) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        return l;
    }

    Node node() {
        return root;
    }
}
