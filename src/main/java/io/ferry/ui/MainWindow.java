package io.ferry.ui;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.ModalPane;
import atlantafx.base.theme.Styles;
import io.ferry.engine.TransferService;
import io.ferry.ui.common.ActionControls;
import io.ferry.ui.common.Actions;
import io.ferry.ui.common.FxCoalescer;
import io.ferry.ui.common.Icons;
import io.ferry.ui.detail.DetailView;
import io.ferry.ui.detail.DetailViewModel;
import io.ferry.ui.i18n.I18n;
import io.ferry.ui.newtransfer.NewTransferSheet;
import io.ferry.ui.newtransfer.NewTransferViewModel;
import io.ferry.ui.settings.SettingsPort;
import io.ferry.ui.settings.SettingsSheet;
import io.ferry.ui.settings.SettingsViewModel;
import io.ferry.ui.transfers.TransferRow;
import io.ferry.ui.transfers.TransfersView;
import io.ferry.ui.transfers.TransfersViewModel;
import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.MasterDetailPane;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The whole window: menu bar, toolbar, the transfer list with the detail pane beside it, the status bar, the drop
 * target, notifications and the sheets (New transfer, Settings, confirmations) in one modal layer. It wires view
 * models to views and owns everything that needs a stage: choosers, clipboard, the file manager.
 */
public final class MainWindow {
    /** What the window needs from its host. {@code openUri} opens a folder or link in the desktop's handler. */
    public record Environment(ZoneId zone, Executor background, Consumer<String> openUri, boolean notifications) {}

    private final I18n i18n;
    private final TransfersViewModel transfersVm;
    private final DetailViewModel detailVm;
    private final NewTransferViewModel newTransferVm;
    private final SettingsViewModel settingsVm;
    private final TransfersView transfersView;
    private final DetailView detailView;
    private final ModalPane modal = new ModalPane();
    private final StackPane root = new StackPane();
    private final VBox banners = new VBox(6);
    private final BooleanProperty dragging = new SimpleBooleanProperty(this, "dragging");
    private final Environment env;
    private final Scene scene;
    private final MasterDetailPane masterDetail;
    private final io.ferry.ui.common.FxPulseScheduler pulses = new io.ferry.ui.common.FxPulseScheduler();
    private MenuBar menuBar;
    private java.util.function.Function<List<Path>, Node> sheetExtension = paths -> null;

    public MainWindow(TransferService service, SettingsPort settings, Environment env) {
        this.env = env;
        this.i18n = new I18n(SettingsViewModel.storedLanguage(settings));
        Executor fx = Platform::runLater;
        FxCoalescer.PulseScheduler pulses = this.pulses;
        this.settingsVm = new SettingsViewModel(settings, service, i18n);
        this.transfersVm = new TransfersViewModel(service, i18n, env.background(), fx, pulses, System::nanoTime);
        this.detailVm = new DetailViewModel(i18n, env.zone());
        this.newTransferVm = new NewTransferViewModel(service, i18n, env.background(), fx,
                settingsVm.verifyByDefaultProperty()::get);

        transfersView = new TransfersView(transfersVm, env.zone(), this::command);
        detailView = new DetailView(detailVm, this::copy, env.openUri());
        detailVm.rowProperty().bind(transfersView.table().getSelectionModel().selectedItemProperty());
        // a change listener: it runs after the settings view model has pushed the value to the engine
        settingsVm.bandwidthLimitProperty().addListener((o, was, now) -> transfersVm.refreshBandwidthLimit());

        masterDetail = new MasterDetailPane(Side.RIGHT, transfersView.center(), detailView.node(), true);
        masterDetail.setDividerPosition(0.72);
        masterDetail.setAnimated(false);
        masterDetail.getStyleClass().add("master-detail");

        menuBar = menuBar();
        VBox top = new VBox(menuBar, transfersView.toolbar());
        VBox center = new VBox(banners, masterDetail);
        VBox.setVgrow(masterDetail, Priority.ALWAYS);
        banners.setPadding(new Insets(0));
        BorderPane main = new BorderPane(center, top, null, transfersView.statusBar(), null);
        main.getStyleClass().add("main");

        modal.setInTransitionFactory(null);
        modal.setOutTransitionFactory(null);
        modal.setId("modal");
        root.getChildren().addAll(main, dropOverlay(), modal);
        root.getStyleClass().add("ferry-root");
        root.getStylesheets().addAll(
                MainWindow.class.getResource("/io/ferry/ui/common/app.css").toExternalForm(),
                MainWindow.class.getResource("/io/ferry/ui/transfers/transfers.css").toExternalForm());
        installDrop();

        // built when first opened, not with the window (start-up time)
        NewTransferSheet[] built = new NewTransferSheet[1];
        newTransferVm.showingProperty().addListener((o, was, now) -> {
            if (now) {
                if (built[0] == null) {
                    built[0] = new NewTransferSheet(newTransferVm, i18n, this::chooseFolder);
                }
                NewTransferSheet sheet = built[0];
                sheet.setExtension(sheetExtension.apply(List.copyOf(newTransferVm.sources())));
                modal.show(sheet.node());
            } else {
                modal.hide(true);
            }
        });
        transfersVm.lastErrorProperty().addListener((o, was, now) -> {
            if (!now.isBlank()) {
                banner(i18n.get("banner.actionFailed"), now, true);
            }
        });
        newTransferVm.lastErrorProperty().addListener((o, was, now) -> {
            if (!now.isBlank()) {
                banner(i18n.get("banner.submitFailed"), now, true);
            }
        });

        scene = new Scene(root, 1280, 800);
        // on the scene, not the root: popups (ControlsFX notifications) take their owner scene's stylesheets
        scene.getStylesheets().add(MainWindow.class.getResource("/io/ferry/ui/common/controlsfx.css").toExternalForm());
        new ThemeManager(root, settingsVm.themeProperty());
        if (env.notifications()) {
            transfersVm.setOutcomeHandler((row, phase) ->
                    new Notifier(scene.getWindow(), i18n, this::select).announce(row, phase));
        }
        transfersVm.start();
    }

    /** Stops following the engine (the engine itself belongs to the caller). */
    public void close() {
        transfersVm.close();
        pulses.close();
    }

    public Scene scene() {
        return scene;
    }

    public Parent root() {
        return root;
    }

    public I18n i18n() {
        return i18n;
    }

    public TransfersViewModel transfers() {
        return transfersVm;
    }

    public TransfersView transfersView() {
        return transfersView;
    }

    public NewTransferViewModel newTransfer() {
        return newTransferVm;
    }

    public SettingsViewModel settings() {
        return settingsVm;
    }

    public DetailViewModel detail() {
        return detailVm;
    }

    public BooleanProperty draggingProperty() {
        return dragging;
    }

    /** Selects and reveals a row (used by notifications). */
    public void select(TransferRow row) {
        var table = transfersView.table();
        if (!table.getItems().contains(row)) {
            transfersVm.groupFilterProperty().set(null);
            transfersVm.filterTextProperty().set("");
            transfersVm.providerFilterProperty().set(null);
        }
        table.getSelectionModel().clearSelection();
        table.getSelectionModel().select(row);
        table.scrollTo(row);
        table.requestFocus();
    }

    // ---- menu and commands ----

    private MenuBar menuBar() {
        ActionControls c = new ActionControls(i18n);
        Menu file = menu("menu.file");
        file.getItems().addAll(
                c.menuItem(Actions.NEW_TRANSFER, () -> command(Actions.NEW_TRANSFER), null, true),
                c.menuItem(Actions.NEW_FOLDER_TRANSFER, () -> command(Actions.NEW_FOLDER_TRANSFER), null, true),
                new SeparatorMenuItem(),
                c.menuItem(Actions.SETTINGS, () -> command(Actions.SETTINGS), null, true),
                new SeparatorMenuItem(),
                c.menuItem(Actions.QUIT, () -> command(Actions.QUIT), null, true));
        Menu transfer = menu("menu.transfer");
        for (Actions a : Actions.ON_SELECTION) {
            if (a == Actions.FINALIZE || a == Actions.REMOVE) {
                transfer.getItems().add(new SeparatorMenuItem());
            }
            transfer.getItems().add(c.menuItem(a, () -> command(a), transfersVm.action(a).enabledProperty(), true));
        }
        Menu view = menu("menu.view");
        view.getItems().add(c.menuItem(Actions.FILTER, () -> command(Actions.FILTER), null, true));
        Menu help = menu("menu.help");
        javafx.scene.control.MenuItem about = new javafx.scene.control.MenuItem();
        about.textProperty().bind(i18n.text("menu.about"));
        about.setOnAction(e -> io.ferry.ui.about.AboutView.show(window(), io.ferry.ui.about.AboutViewModel.fromRuntime()));
        help.getItems().add(about);
        MenuBar bar = new MenuBar(file, transfer, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private Menu menu(String key) {
        Menu m = new Menu();
        m.textProperty().bind(i18n.text(key));
        return m;
    }

    private void command(Actions a) {
        switch (a) {
            case NEW_TRANSFER -> chooseFiles();
            case NEW_FOLDER_TRANSFER -> {
                File dir = new DirectoryChooser().showDialog(window());
                if (dir != null) {
                    openSheet(List.of(dir.toPath()));
                }
            }
            case SETTINGS -> showSettings();
            case FILTER -> transfersView.filterField().requestFocus();
            case QUIT -> {
                Window w = window();
                if (w != null) {
                    w.hide();
                }
            }
            case REVEAL -> transfersVm.revealTargets().forEach(p -> env.openUri().accept(p.toUri().toString()));
            case CANCEL -> confirm(a);
            case COPY_JSON -> copy(detailVm.errorBreakdownJson());
            default -> transfersVm.run(a);
        }
    }

    private Window window() {
        return scene == null ? null : scene.getWindow();
    }

    private void chooseFiles() {
        FileChooser fc = new FileChooser();
        fc.titleProperty().bind(i18n.text("newTransfer.chooseFiles"));
        List<File> files = fc.showOpenMultipleDialog(window());
        if (files != null && !files.isEmpty()) {
            openSheet(files.stream().map(File::toPath).toList());
        }
    }

    private File chooseFolder(Path initial) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.titleProperty().bind(i18n.text("newTransfer.chooseFolder"));
        if (initial != null && initial.toFile().isDirectory()) {
            dc.setInitialDirectory(initial.toFile());
        }
        return dc.showDialog(window());
    }

    /** Opens the New transfer sheet for these paths, as a drop does; unusable ones are explained in a banner. */
    public void openSheet(List<Path> paths) {
        String problem = newTransferVm.open(paths);
        if (!problem.isBlank()) {
            banner(i18n.get("banner.cannotTransfer"), problem, false);
        }
    }

    // ---- extension points (connections, watch, remote systems: io.ferry.ui.RemoteSystems) ----

    /** Adds a menu after the window's own, before Help. */
    public void addMenu(Menu menu) {
        var menus = menuBar.getMenus();
        menus.add(Math.max(0, menus.size() - 1), menu);
    }

    /** Shows a sheet in the window's modal layer (one at a time). */
    public void showSheet(Node sheet) {
        modal.show(sheet);
    }

    public void hideSheet() {
        modal.hide(true);
    }

    /** Called with the sources each time the New transfer sheet opens; a non-null node is offered as another destination. */
    public void setNewTransferExtension(java.util.function.Function<List<Path>, Node> extension) {
        sheetExtension = extension == null ? paths -> null : extension;
    }

    /** Opens the settings sheet (also the Settings command). */
    public void showSettingsSheet() {
        showSettings();
    }

    private void showSettings() {
        SettingsSheet sheet = new SettingsSheet(settingsVm, i18n, () -> modal.hide(true));
        modal.show(sheet.node());
    }

    private void confirm(Actions a) {
        if (!transfersVm.action(a).isEnabled()) {
            return;
        }
        Label title = new Label(i18n.get("confirm.cancel.title"));
        title.getStyleClass().add(Styles.TITLE_4);
        Label text = new Label(transfersVm.confirmationText(a));
        text.setWrapText(true);
        Button keep = new Button(i18n.get("confirm.cancel.keep"));
        keep.setId("confirm-keep");
        keep.setCancelButton(true);
        keep.setOnAction(e -> modal.hide(true));
        Button yes = new Button(i18n.get("confirm.cancel.yes"));
        yes.setId("confirm-yes");
        yes.getStyleClass().add(Styles.DANGER);
        yes.setDefaultButton(true);
        yes.setOnAction(e -> {
            modal.hide(true);
            transfersVm.run(a);
        });
        Region sp = new Region();
        HBox.setHgrow(sp, Priority.ALWAYS);
        HBox buttons = new HBox(8, sp, keep, yes);
        VBox box = new VBox(14, new HBox(10, Icons.of(MaterialDesignA.ALERT_OUTLINE, "confirm-icon"), title), text, buttons);
        box.setId("confirm-sheet");
        box.getStyleClass().add("ferry-sheet");
        box.setPadding(new Insets(24));
        box.setMaxSize(460, Region.USE_PREF_SIZE);
        modal.show(box);
    }

    private void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    private void banner(String title, String text, boolean danger) {
        Message m = new Message(title, text, Icons.of(danger ? MaterialDesignA.ALERT_CIRCLE_OUTLINE : MaterialDesignA.ALERT_OUTLINE));
        m.getStyleClass().add(danger ? Styles.DANGER : Styles.WARNING);
        m.getStyleClass().add("banner");
        m.setOnClose(e -> {
            banners.getChildren().remove(m);
            transfersVm.clearError();
        });
        if (banners.getChildren().size() >= 3) {
            banners.getChildren().removeFirst();
        }
        banners.getChildren().add(m);
        VBox.setMargin(m, new Insets(8, 12, 0, 12));
    }

    public List<Node> banners() {
        return List.copyOf(banners.getChildren());
    }

    // ---- drag and drop ----

    private Node dropOverlay() {
        Label title = new Label();
        title.textProperty().bind(i18n.text("drop.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label();
        hint.textProperty().bind(i18n.text("drop.hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(10, Icons.of(MaterialDesignT.TRAY_ARROW_DOWN, "drop-icon"), title, hint);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("drop-target");
        StackPane overlay = new StackPane(box);
        overlay.setId("drop-overlay");
        overlay.getStyleClass().add("drop-overlay");
        overlay.setMouseTransparent(true);
        overlay.visibleProperty().bind(dragging);
        return overlay;
    }

    private void installDrop() {
        root.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getGestureSource() == null && e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                dragging.set(true);
            }
            e.consume();
        });
        root.addEventHandler(DragEvent.DRAG_ENTERED, e -> dragging.set(e.getGestureSource() == null && e.getDragboard().hasFiles()));
        root.addEventHandler(DragEvent.DRAG_EXITED, e -> dragging.set(false));
        root.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            dragging.set(false);
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                drop(e.getDragboard().getFiles());
            } else {
                banner(i18n.get("banner.cannotTransfer"), i18n.get("newTransfer.reject.nothing"), false);
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** What a drop of {@code files} does (the DRAG_DROPPED handler calls it). */
    public void drop(List<File> files) {
        openSheet(files.stream().map(File::toPath).toList());
    }
}
