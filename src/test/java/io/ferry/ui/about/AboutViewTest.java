package io.ferry.ui.about;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The About dialog rendered on JavaFX's headless platform (surefire's glass.platform=Headless): the facts are
 * shown, typing in the search field narrows the library table. Saves target/about.png for a look.
 */
class AboutViewTest {
    @BeforeAll
    static void toolkit() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        started.get(30, TimeUnit.SECONDS);
    }

    private static <T> T fx(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    @Test
    void showsTheFactsAndSearchNarrowsTheLibraryTable() throws Exception {
        AboutViewModel vm = new AboutViewModel(new BuildInfo("1.2.3", "abc1234", "2026-11-23T11:44:49+00:00"),
                "25.0.3+9-LTS (Eclipse Adoptium)", "26.0.2+3", AboutViewModel.fromRuntime().libraries());
        Stage stage = fx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new AboutView(vm).root(), 640, 520));
            s.show();
            return s;
        });
        Parent root = stage.getScene().getRoot();

        assertThat(fx(() -> text(root, "#about-version"))).isEqualTo("1.2.3");
        assertThat(fx(() -> text(root, "#about-build-commit"))).startsWith("abc1234");
        assertThat(fx(() -> text(root, "#about-javafx"))).isEqualTo("26.0.2+3");
        TableView<?> table = (TableView<?>) root.lookup("#about-libraries");
        int all = fx(() -> table.getItems().size());
        assertThat(all).isGreaterThan(10);

        fx(() -> {
            ((TextField) root.lookup(".text-field")).setText("openjfx");
            return null;
        });

        assertThat(fx(() -> table.getItems().size())).isEqualTo(3);
        assertThat(fx(() -> root.lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList()))
                .contains("3 of " + all + " libraries");
        snapshot(stage, Path.of("target/about.png"));
        fx(() -> {
            stage.close();
            return null;
        });
    }

    private static String text(Node root, String selector) {
        return ((Label) root.lookup(selector)).getText();
    }

    private static void snapshot(Stage stage, Path file) throws Exception {
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getPixelReader().getPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), row, 0, w);
            bi.setRGB(0, y, w, 1, row, 0, w);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(bi, "png", file.toFile());
    }
}
