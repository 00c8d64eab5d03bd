package io.ferry.app;

import io.ferry.engine.TransferService;
import io.ferry.store.RunnerLockedException;
import io.ferry.store.Settings;
import io.ferry.ui.FerryApp;
import io.ferry.ui.settings.SettingsPort;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Opens the window over the store and the engine. The one place that names the JavaFX application class. */
final class Gui {
    private static volatile Path dataDir;

    private Gui() {}

    /**
     * Opens the store, takes the runner lock, starts the engine and shows the window; blocks until it closes.
     * Transfers still running when it closes stay resumable from their last checkpoint. The store and engine are
     * opened on their own thread while JavaFX starts (they take about as long); the window is built once they are
     * ready. A second instance on the same data directory prints the lock's message and exits 2 without a window.
     *
     * @param files files to offer for upload ("Open with Ferry"): the application's unnamed parameters
     */
    static void launch(Path dir, List<String> files) {
        dataDir = dir;
        CompletableFuture<Started> started = new CompletableFuture<>();
        Thread.ofPlatform().name("ferry-startup").start(() -> {
            try {
                started.complete(start(dir));
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        });
        FirstFrameMarker.installIfRequested(System.getenv(), System.err);
        try {
            FerryApp.launch(started.thenApply(s -> new FerryApp.Parts(s.service(), settingsPort(s.services().settings()),
                    AppConnections.of(s.services()), new AppSecrets(s.services()))), files.toArray(String[]::new));
        } catch (RuntimeException e) {
            // the store's own message ("… is damaged: …") rather than JavaFX's "Exception in Application start method"
            throw started.isCompletedExceptionally() ? failure(started) : e;
        } finally {
            // also when the window failed to open: wait for the engine, then stop it, release the lock, close the store
            Started s = started.exceptionally(e -> null).join();
            if (s != null) {
                try {
                    s.service().close();
                } finally {
                    s.services().close();
                }
            }
        }
    }

    private record Started(Services services, TransferService service) {}

    private static Started start(Path dir) {
        Services services = Services.open(dir);
        try {
            return new Started(services, services.startRunner());
        } catch (RunnerLockedException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    private static RuntimeException failure(CompletableFuture<?> future) {
        try {
            future.join();
            return new IllegalStateException("no failure");
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The window's settings are the store's: what it saves, the CLI and the engine see. */
    static SettingsPort settingsPort(Settings settings) {
        return new SettingsPort() {
            @Override
            public Optional<String> get(String key) {
                return settings.get(key);
            }

            @Override
            public void put(String key, String value) {
                settings.put(key, value);
            }
        };
    }

    /** The data directory the window works on. */
    static Path dataDir() {
        return dataDir;
    }
}
