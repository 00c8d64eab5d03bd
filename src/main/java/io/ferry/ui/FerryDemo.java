package io.ferry.ui;

import javafx.application.Application;

/**
 * Opens the window on the simulated transfers ({@code --demo}). A plain main class, not an Application subclass,
 * so it starts from the classpath: {@code java -cp target/classes:target/lib/* io.ferry.ui.FerryDemo}.
 */
public final class FerryDemo {
    private FerryDemo() {}

    public static void main(String[] args) {
        Application.launch(FerryApp.class, "--demo");
    }
}
