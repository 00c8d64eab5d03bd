package io.ferry.app;

import java.nio.file.Path;

/** Opens the window. The one place that names the JavaFX application class. */
final class Gui {
    private static volatile Path dataDir;

    private Gui() {}

    /** Blocks until the window closes. */
    static void launch(Path dir) {
        dataDir = dir;
        javafx.application.Application.launch(io.ferry.ui.EmptyWindowApp.class);
    }

    /** The data directory the window works on (for the application class, which JavaFX instantiates). */
    static Path dataDir() {
        return dataDir;
    }
}
