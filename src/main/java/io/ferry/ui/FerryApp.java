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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The desktop window as a JavaFX application. App wiring hands it the engine and the settings store with
 * {@link #launch(TransferService, SettingsPort, String...)}, or with {@link #launch(Future, String...)} while it is
 * still opening them (the toolkit starts meanwhile); started without them (or with {@code --demo}) it runs on
 * the simulated {@link DemoTransfers} and forgets its settings on exit.
 */
public class FerryApp extends Application {
    /**
     * What the window runs on: the engine, the stored settings, and (each may be null) the Connections menu's port
     * and the secrets behind its saved passwords.
     */
    public record Parts(TransferService service, SettingsPort settings, io.ferry.ui.connections.ConnectionsPort connections,
            SecretsPort secrets) {}

    private static volatile Future<Parts> wiring;

    private ExecutorService background;
    private ExecutorService remote;
    private TransferService ownedService;
    private RemoteSystems remoteSystems;

    /**
     * Opens the window on {@code service} with settings kept in {@code settings}; blocks until the window closes
     * (like {@link Application#launch}). The caller still owns and closes the service.
     */
    public static void launch(TransferService service, SettingsPort settings, String... args) {
        wiring = CompletableFuture.completedFuture(
                new Parts(Objects.requireNonNull(service, "service"), Objects.requireNonNull(settings, "settings"), null, null));
        Application.launch(FerryApp.class, args);
    }

    /**
     * As {@link #launch(TransferService, SettingsPort, String...)}, with the Connections menu over {@code connections}
     * and its saved passwords behind {@code secrets} (the window asks for the secrets file's passphrase when needed).
     */
    public static void launch(TransferService service, SettingsPort settings, io.ferry.ui.connections.ConnectionsPort connections,
            SecretsPort secrets, String... args) {
        wiring = CompletableFuture.completedFuture(new Parts(Objects.requireNonNull(service, "service"),
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(connections, "connections"),
                Objects.requireNonNull(secrets, "secrets")));
        Application.launch(FerryApp.class, args);
    }

    /**
     * As {@link #launch(TransferService, SettingsPort, String...)}, with the parts still being made (store, engine):
     * the toolkit starts meanwhile and {@link #start} waits for them before it builds the window. When they fail,
     * no window opens and this throws.
     */
    public static void launch(Future<Parts> parts, String... args) {
        wiring = Objects.requireNonNull(parts, "parts");
        Application.launch(FerryApp.class, args);
        await(parts); // throws what the parts failed with (start() closed the toolkit without a window)
    }


    @Override
    public void start(Stage stage) {
        Parts w;
        try {
            w = getParameters().getRaw().contains("--demo") ? null : await(wiring);
        } catch (RuntimeException e) {
            Platform.exit(); // launch(Future) throws it, without JavaFX's "Exception in Application start method"
            return;
        }
        if (w == null) {
            DemoTransfers demo = DemoTransfers.seeded(Instant.now()).startTicking(Duration.ofMillis(100));
            ownedService = demo;
            w = new Parts(demo, new InMemorySettings(), null, null);
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

    private static Parts await(Future<Parts> parts) {
        if (parts == null) {
            return null;
        }
        try {
            return parts.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the engine started", e);
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
