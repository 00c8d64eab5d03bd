package io.ferry.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The window until the real main window lands: an empty stage titled "Ferry". */
public final class EmptyWindowApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Ferry");
        stage.setScene(new Scene(new StackPane(new Label("Ferry")), 960, 600));
        stage.show();
    }
}
