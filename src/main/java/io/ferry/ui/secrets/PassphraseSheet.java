package io.ferry.ui.secrets;

import atlantafx.base.theme.Styles;
import io.ferry.ui.common.SheetControls;
import io.ferry.ui.i18n.I18n;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/**
 * The passphrase sheet: unlock the encrypted secrets file, or create it (passphrase and confirmation). The
 * secondary button is given by the host: "Not now" goes on without saved passwords.
 */
public final class PassphraseSheet {
    private final VBox root;

    /**
     * @param skip runs on the secondary button (Escape): the host closes the sheet and, where it was asked on the way
     *             to another sheet, goes on without saved passwords
     */
    public PassphraseSheet(PassphraseViewModel vm, I18n i18n, Runnable skip) {
        String mode = vm.creating() ? "create" : "unlock";
        Label title = new Label();
        title.textProperty().bind(i18n.text("passphrase." + mode + ".title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label();
        hint.setId("passphrase-hint");
        hint.textProperty().bind(i18n.text("passphrase." + mode + ".hint", vm.fileLocation()));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);

        PasswordField passphrase = new PasswordField();
        passphrase.setId("passphrase-field");
        passphrase.textProperty().bindBidirectional(vm.passphraseProperty());
        passphrase.disableProperty().bind(vm.busyProperty());
        GridPane grid = SheetControls.form(16, 12);
        grid.addRow(0, label(i18n, "passphrase.field"), passphrase);
        if (vm.creating()) {
            PasswordField again = new PasswordField();
            again.setId("passphrase-confirm");
            again.textProperty().bindBidirectional(vm.confirmationProperty());
            again.disableProperty().bind(vm.busyProperty());
            grid.addRow(1, label(i18n, "passphrase.confirm"), again);
        }

        Label problem = SheetControls.problem("passphrase-problem", vm.messageProperty());
        Button notNow = SheetControls.cancel("passphrase-skip", i18n, skip);
        notNow.textProperty().unbind();
        notNow.textProperty().bind(i18n.text("passphrase.skip"));
        Button ok = SheetControls.primary("passphrase-unlock", i18n.text("passphrase." + mode),
                vm.creating() ? MaterialDesignL.LOCK_PLUS_OUTLINE : MaterialDesignL.LOCK_OPEN_VARIANT_OUTLINE);
        ok.disableProperty().bind(vm.canUnlockProperty().not());
        ok.setOnAction(e -> vm.unlock());
        HBox buttons = new HBox(8, notNow, ok);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        root = new VBox(16, new VBox(4, title, hint), grid, problem, buttons);
        root.setId("passphrase-sheet");
        root.getStyleClass().add("ferry-sheet");
        root.setPadding(new Insets(24));
        root.setPrefWidth(520);
        root.setMaxSize(520, Region.USE_PREF_SIZE);
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
