package io.ferry.app;

import java.nio.file.Path;
import java.util.List;

/** Opens the window. The one place that names the JavaFX application class. */
final class Gui {
    private static volatile Path dataDir;

    private Gui() {}

    /**
     * Blocks until the window closes.
     *
     * @param files files to offer for upload ("Open with Ferry"): the application's unnamed parameters
     */
    static void launch(Path dir, List<String> files) {
        dataDir = dir;
        FirstFrameMarker.installIfRequested(System.getenv(), System.err);
        javafx.application.Application.launch(io.ferry.ui.EmptyWindowApp.class, files.toArray(String[]::new));
    }

    /** The data directory the window works on (for the application class, which JavaFX instantiates). */
    static Path dataDir() {
        return dataDir;
    }
}
