package io.ferry.ui;

import atlantafx.base.theme.Styles;
import io.ferry.engine.TransferService;
import io.ferry.ui.common.Icons;
import io.ferry.ui.connections.ConnectionsPort;
import io.ferry.ui.connections.ConnectionsSheet;
import io.ferry.ui.connections.ConnectionsViewModel;
import io.ferry.ui.i18n.I18n;
import io.ferry.ui.ovirt.OvirtTransferSheet;
import io.ferry.ui.ovirt.OvirtTransferViewModel;
import io.ferry.ui.secrets.PassphraseSheet;
import io.ferry.ui.secrets.PassphraseViewModel;
import io.ferry.ui.secrets.SecretsPort;
import io.ferry.ui.watch.WatchSheet;
import io.ferry.ui.watch.WatchViewModel;
import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/**
 * Adds the remote systems to the window: a Connections menu (Connections…, Watch…, Upload to oVirt…, Download
 * from oVirt…) and, when disk images are dropped, "Upload to oVirt…" in the New transfer sheet.
 */
public final class RemoteSystems {
    /** The file names the oVirt upload offers (issue 4 §4). */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of(".iso", ".img", ".raw", ".qcow2", ".qcow");

    private final MainWindow window;
    private final ConnectionsPort port;
    private final SecretsPort secrets;
    private final TransferService service;
    private final Executor background;
    private final I18n i18n;
    private final ZoneId zone;

    private RemoteSystems(MainWindow window, ConnectionsPort port, SecretsPort secrets, TransferService service,
            Executor background, ZoneId zone) {
        this.window = window;
        this.port = port;
        this.secrets = secrets;
        this.service = service;
        this.background = background;
        this.i18n = window.i18n();
        this.zone = zone;
    }

    /**
     * @param secrets whether the saved passwords are open; when not, each remote-systems sheet is preceded by the
     *                passphrase sheet (null: never ask)
     */
    public static RemoteSystems install(MainWindow window, ConnectionsPort port, SecretsPort secrets, TransferService service,
            Executor background, ZoneId zone) {
        RemoteSystems r = new RemoteSystems(window, port, secrets, service, background, zone);
        Menu menu = new Menu();
        menu.setId("menu-remote");
        menu.textProperty().bind(r.i18n.text("menu.remote"));
        menu.getItems().addAll(
                r.item("menu-connections", "menu.connections", Icons.of(MaterialDesignL.LAN_CONNECT), () -> r.withSecrets(r::showConnections)),
                r.item("menu-watch", "menu.watch", Icons.of(MaterialDesignE.EYE_OUTLINE), () -> r.withSecrets(r::showWatch)),
                r.item("menu-ovirt-upload", "menu.ovirtUpload", Icons.of(MaterialDesignA.ARROW_UP), () -> r.withSecrets(r::chooseImageToUpload)),
                r.item("menu-ovirt-download", "menu.ovirtDownload", Icons.of(MaterialDesignA.ARROW_DOWN),
                        () -> r.withSecrets(() -> r.showDownload(null))));
        window.addMenu(menu);
        window.setNewTransferExtension(r::offerOvirt);
        return r;
    }

    private MenuItem item(String id, String key, Node icon, Runnable action) {
        MenuItem m = new MenuItem();
        m.setId(id);
        m.textProperty().bind(i18n.text(key));
        m.setGraphic(icon);
        m.setOnAction(e -> action.run());
        return m;
    }

    static boolean isDiskImage(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /** For the New transfer sheet: a button that sends the first dropped disk image to oVirt instead. */
    private Node offerOvirt(List<Path> sources) {
        Path image = sources.stream().filter(RemoteSystems::isDiskImage).findFirst().orElse(null);
        if (image == null) {
            return null;
        }
        Button b = new Button(i18n.get("ovirt.offer", image.getFileName().toString()));
        b.setId("new-ovirt-upload");
        b.setGraphic(Icons.of(Icons.provider("ovirt")));
        b.setMnemonicParsing(false); // file names have underscores
        b.getStyleClass().addAll(Styles.BUTTON_OUTLINED, Styles.ACCENT);
        b.setOnAction(e -> {
            window.newTransfer().dismiss();
            Platform.runLater(() -> withSecrets(() -> showUpload(image)));
        });
        return b;
    }

    /**
     * Runs {@code then} (on the FX thread) once the saved passwords are open: at once when a secret store is open,
     * else after the passphrase sheet unlocks or creates the secrets file. "Not now" goes on to {@code then}
     * without them (profiles without a password still work; saving one says the store is not open).
     */
    public void withSecrets(Runnable then) {
        if (secrets == null) {
            then.run();
            return;
        }
        background.execute(() -> {
            SecretsPort.State state = stateOrOpen();
            Platform.runLater(() -> {
                if (state == SecretsPort.State.OPEN) {
                    then.run();
                } else {
                    showPassphrase(state, then);
                }
            });
        });
    }

    /** At start: asks for the passphrase only when the secrets file exists and is not open (nothing to create). */
    public void offerUnlockIfLocked() {
        if (secrets == null) {
            return;
        }
        background.execute(() -> {
            if (stateOrOpen() == SecretsPort.State.LOCKED) {
                Platform.runLater(() -> showPassphrase(SecretsPort.State.LOCKED, () -> { }));
            }
        });
    }

    private SecretsPort.State stateOrOpen() {
        try {
            return secrets.state();
        } catch (RuntimeException e) {
            return SecretsPort.State.OPEN; // cannot tell: let the sheet itself report what fails
        }
    }

    private void showPassphrase(SecretsPort.State state, Runnable then) {
        PassphraseViewModel vm = new PassphraseViewModel(secrets, state, secrets.fileLocation(), i18n, background,
                Platform::runLater, () -> {
                    window.hideSheet();
                    then.run();
                });
        window.showSheet(new PassphraseSheet(vm, i18n, () -> {
            window.hideSheet();
            then.run();
        }).node());
    }

    public void showConnections() {
        ConnectionsViewModel vm = new ConnectionsViewModel(port, i18n, background, Platform::runLater);
        vm.refresh();
        window.showSheet(new ConnectionsSheet(vm, i18n, this::chooseFile, window::hideSheet).node());
    }

    public void showWatch() {
        WatchViewModel vm = new WatchViewModel(port, service, i18n, background, Platform::runLater);
        vm.load();
        window.showSheet(new WatchSheet(vm, i18n, zone, window::hideSheet).node());
    }

    public void showUpload(Path image) {
        OvirtTransferViewModel vm = new OvirtTransferViewModel(port, service, i18n, background, Platform::runLater);
        vm.openUpload(image);
        window.showSheet(new OvirtTransferSheet(vm, i18n, this::chooseFolder, window::hideSheet).node());
    }

    public void showDownload(Path folder) {
        OvirtTransferViewModel vm = new OvirtTransferViewModel(port, service, i18n, background, Platform::runLater);
        vm.openDownload(folder);
        window.showSheet(new OvirtTransferSheet(vm, i18n, this::chooseFolder, window::hideSheet).node());
    }

    private void chooseImageToUpload() {
        FileChooser fc = new FileChooser();
        fc.setTitle(i18n.get("ovirt.upload.title"));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.get("ovirt.images"),
                IMAGE_EXTENSIONS.stream().sorted().map(e -> "*" + e).toList()));
        File f = fc.showOpenDialog(owner());
        if (f != null) {
            showUpload(f.toPath());
        }
    }

    private File chooseFile(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        return fc.showOpenDialog(owner());
    }

    private File chooseFolder(Path initial) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(i18n.get("ovirt.target"));
        if (initial != null && initial.toFile().isDirectory()) {
            dc.setInitialDirectory(initial.toFile());
        }
        return dc.showDialog(owner());
    }

    private Window owner() {
        return window.scene().getWindow();
    }
}
