package io.ferry.ui;

import io.ferry.engine.TransferService;
import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.secrets.SecretsPort;
import io.ferry.ui.settings.InMemorySettings;
import io.ferry.ui.settings.SettingsPort;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The desktop window as a JavaFX application. App wiring hands it the engine and the settings store with
 * {@link #launch(TransferService, SettingsPort, String...)}; started without them (or with {@code --demo}) it runs on
 * the simulated {@link DemoTransfers} and forgets its settings on exit.
 */
public class FerryApp extends Application {
    private record Wiring(TransferService service, SettingsPort settings, io.ferry.ui.connections.ConnectionsPort connections,
            SecretsPort secrets) {}

    private static volatile Wiring wiring;

    private ExecutorService background;
    private ExecutorService remote;
    private TransferService ownedService;
    private RemoteSystems remoteSystems;

    /**
     * Opens the window on {@code service} with settings kept in {@code settings}; blocks until the window closes
     * (like {@link Application#launch}). The caller still owns and closes the service.
     */
    public static void launch(TransferService service, SettingsPort settings, String... args) {
        wiring = new Wiring(Objects.requireNonNull(service, "service"), Objects.requireNonNull(settings, "settings"), null, null);
        Application.launch(FerryApp.class, args);
    }

    /**
     * As {@link #launch(TransferService, SettingsPort, String...)}, with the Connections menu over {@code connections}
     * and its saved passwords behind {@code secrets} (the window asks for the secrets file's passphrase when needed).
     */
    public static void launch(TransferService service, SettingsPort settings, io.ferry.ui.connections.ConnectionsPort connections,
            SecretsPort secrets, String... args) {
        wiring = new Wiring(Objects.requireNonNull(service, "service"), Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(connections, "connections"), Objects.requireNonNull(secrets, "secrets"));
        Application.launch(FerryApp.class, args);
    }


    @Override
    public void start(Stage stage) {
        Wiring w = wiring;
        if (w == null || getParameters().getRaw().contains("--demo")) {
            DemoTransfers demo = DemoTransfers.seeded(Instant.now()).startTicking(Duration.ofMillis(100));
            ownedService = demo;
            w = new Wiring(demo, new InMemorySettings(), null, null);
        }
        background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ferry-ui-actions");
            t.setDaemon(true);
            return t;
        });
        MainWindow window = new MainWindow(w.service(), w.settings(), new MainWindow.Environment(
                ZoneId.systemDefault(), background, uri -> getHostServices().showDocument(uri), true));
        if (w.connections() != null) {
            // remote calls (tests, pickers) can take seconds: their own threads, so pause/resume never wait behind them
            remote = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "ferry-ui-remote");
                t.setDaemon(true);
                return t;
            });
            remoteSystems = RemoteSystems.install(window, w.connections(), w.secrets(), w.service(), remote, ZoneId.systemDefault());
        }
        stage.titleProperty().bind(window.i18n().text("app.title"));
        for (String path : new String[] {io.ferry.ui.about.AboutView.ICON_64, io.ferry.ui.about.AboutView.ICON_256}) {
            var icon = FerryApp.class.getResource(path);
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        }
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.setScene(window.scene());
        stage.setOnHidden(e -> window.close());
        stage.show();
        // "Open with Ferry": files on the command line open the New transfer sheet
        var files = getParameters().getUnnamed().stream().filter(a -> !a.startsWith("--"))
                .map(java.nio.file.Path::of).toList();
        if (!files.isEmpty()) {
            window.openSheet(files);
        } else if (remoteSystems != null) {
            // transfers through saved connections need the secrets file open: offer it now when it exists
            remoteSystems.offerUnlockIfLocked();
        }
    }

    @Override
    public void stop() {
        if (background != null) {
            background.shutdown();
        }
        if (remote != null) {
            remote.shutdownNow();
        }
        if (ownedService != null) {
            ownedService.close();
        }
    }
}
