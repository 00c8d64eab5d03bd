package io.ferry.app;

import io.ferry.engine.TransferService;
import io.ferry.store.RunnerLockedException;
import io.ferry.store.Settings;
import io.ferry.ui.FerryApp;
import io.ferry.ui.settings.SettingsPort;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Opens the window over the store and the engine. The one place that names the JavaFX application class. */
final class Gui {
    private static volatile Path dataDir;

    private Gui() {}

    /**
     * Opens the store, takes the runner lock, starts the engine and shows the window; blocks until it closes.
     * Transfers still running when it closes stay resumable from their last checkpoint.
     *
     * @param files files to offer for upload ("Open with Ferry"): the application's unnamed parameters
     */
    static void launch(Path dir, List<String> files) {
        dataDir = dir;
        FirstFrameMarker.installIfRequested(System.getenv(), System.err);
        try (Services services = Services.open(dir)) {
            TransferService service;
            try {
                service = services.startRunner();
            } catch (RunnerLockedException e) {
                System.err.println(e.getMessage());
                System.exit(2);
                return;
            }
            try (service) {
                FerryApp.launch(service, settingsPort(services.settings()), AppConnections.of(services),
                        new AppSecrets(services), files.toArray(String[]::new));
            }
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
