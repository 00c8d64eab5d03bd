package io.ferry.app;

/** Opens the window. The one place that names the JavaFX application class. */
final class Gui {
    private Gui() {}

    static void launch(String[] args) {
        FirstFrameMarker.installIfRequested(System.getenv(), System.err);
        javafx.application.Application.launch(io.ferry.ui.EmptyWindowApp.class, args);
    }
}
