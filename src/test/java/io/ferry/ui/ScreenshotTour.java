package io.ferry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.settings.InMemorySettings;
import io.ferry.ui.settings.SettingsViewModel;
import io.ferry.ui.transfers.TransferRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the main window with the demo set to PNGs under target/screenshots/ (light, dark, Japanese, French).
 * Not part of the normal run: {@code mvn -B -o test -Dtest=ScreenshotTour -Dferry.screenshots=true}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "ferry.screenshots", matches = "true")
class ScreenshotTour {
    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void renderTour() throws Exception {
        Path dir = Path.of("target/screenshots");
        shoot(dir.resolve("ferry-light.png"), "light", "en", "f00dbabe", "error-NOT_FOUND");
        shoot(dir.resolve("ferry-dark.png"), "dark", "en", "7f3c2a10", null);
        shoot(dir.resolve("ferry-ja.png"), "light", "ja", "9a175ac8", null);
        shoot(dir.resolve("ferry-fr-dark.png"), "dark", "fr", "f00dbabe", "error-UNAVAILABLE");
        assertThat(Files.size(dir.resolve("ferry-light.png"))).isGreaterThan(20_000);
        Path a = Files.write(Files.createDirectories(Path.of("target/tour")).resolve("rhel-9.5-x86_64.qcow2"), new byte[4096]);
        Path b = Files.write(Path.of("target/tour").resolve("win2025-eval.iso"), new byte[4096]);
        shootSheet(dir.resolve("ferry-new-transfer.png"), "light", "en", w -> w.openSheet(java.util.List.of(a, b)));
        shootSheet(dir.resolve("ferry-settings-ja-dark.png"), "dark", "ja", w -> w.showSettingsSheet());
    }

    private static MainWindow currentWindow(Stage stage) {
        return (MainWindow) stage.getScene().getRoot().getProperties().get(MainWindow.class);
    }

    private void shootSheet(Path file, String theme, String lang, java.util.function.Consumer<MainWindow> open) throws Exception {
        InMemorySettings settings = new InMemorySettings();
        settings.put(SettingsViewModel.KEY_THEME, theme);
        settings.put(SettingsViewModel.KEY_LANGUAGE, lang);
        WaitForAsyncUtils.asyncFx(() -> {
            MainWindow w = new MainWindow(DemoTransfers.seeded(NOW), settings,
                    new MainWindow.Environment(ZoneId.of("UTC"), Runnable::run, u -> {}, false));
            stage.setScene(w.scene());
            stage.getScene().getRoot().getProperties().put(MainWindow.class, w);
            stage.setWidth(1600);
            stage.setHeight(920);
            stage.show();
        }).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> open.accept(currentWindow(stage))).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> Snapshots.write(stage.getScene(), file)).get(60, TimeUnit.SECONDS);
        System.out.println("screenshot: " + file.toAbsolutePath());
    }

    private void shoot(Path file, String theme, String lang, String selectId, String expandErrorId) throws Exception {
        DemoTransfers demo = DemoTransfers.seeded(NOW);
        InMemorySettings settings = new InMemorySettings();
        settings.put(SettingsViewModel.KEY_THEME, theme);
        settings.put(SettingsViewModel.KEY_LANGUAGE, lang);
        settings.put(SettingsViewModel.KEY_BANDWIDTH, Long.toString(400L * 1024 * 1024));
        MainWindow[] w = new MainWindow[1];
        WaitForAsyncUtils.asyncFx(() -> {
            w[0] = new MainWindow(demo, settings, new MainWindow.Environment(ZoneId.of("UTC"), Runnable::run, u -> {}, false));
            stage.setScene(w[0].scene());
            stage.setWidth(1600);
            stage.setHeight(920);
            stage.show();
            TransferRow row = w[0].transfers().row(selectId);
            w[0].transfersView().table().getSelectionModel().select(row);
        }).get(60, TimeUnit.SECONDS);
        // let the demo run for a while so speeds and ETAs are real rates over real time
        demo.startTicking(Duration.ofMillis(100));
        Thread.sleep(2500); // screenshot command, not a test: wall time is what it measures
        demo.close();
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            if (expandErrorId != null) {
                Node row = w[0].root().lookup("#" + expandErrorId);
                ToggleButton t = (ToggleButton) row.lookup(".error-expand");
                t.setSelected(true);
            }
        }).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> Snapshots.write(stage.getScene(), file)).get(60, TimeUnit.SECONDS);
        System.out.println("screenshot: " + file.toAbsolutePath());
    }
}
