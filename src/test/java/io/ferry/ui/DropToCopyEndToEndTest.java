package io.ferry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.MemoryJournal;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.TransferEngine;
import io.ferry.provider.local.LocalProvider;
import io.ferry.ui.settings.InMemorySettings;
import io.ferry.ui.transfers.TransferRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole path an operator takes: a file dropped on the window opens the New transfer sheet; Start hands it to the
 * real engine with the real local provider; the file is copied to a temp folder and its row reaches
 * finished_success with a full bar.
 */
@ExtendWith(ApplicationExtension.class)
class DropToCopyEndToEndTest {
    @TempDir
    Path tmp;

    private TransferEngine engine;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        engine = new TransferEngine(ProviderRegistry.of(new LocalProvider()), new MemoryJournal(), EngineSettings.defaults());
        window = new MainWindow(engine, new InMemorySettings(),
                new MainWindow.Environment(ZoneId.of("UTC"), Runnable::run, uri -> {}, false));
        stage.setScene(window.scene());
        stage.setWidth(990);
        stage.setHeight(720);
        stage.show();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    @Test
    void aDroppedFileIsCopiedWithItsRowReachingFinishedSuccess(FxRobot robot) throws Exception {
        byte[] data = new byte[6 * 1024 * 1024 + 123];
        new Random(42).nextBytes(data);
        Path file = Files.write(tmp.resolve("appliance-disk.raw"), data);
        Path dest = Files.createDirectory(tmp.resolve("copies"));

        WaitForAsyncUtils.asyncFx(() -> window.drop(List.of(file.toFile()))).get(30, TimeUnit.SECONDS);
        await(() -> robot.lookup("#new-transfer-sheet").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(robot.lookup("#new-sources").queryListView().getItems()).containsExactly(file);
        robot.clickOn("#new-destination");
        WaitForAsyncUtils.asyncFx(() -> ((TextField) robot.lookup("#new-destination").query()).setText(dest.toString()))
                .get(30, TimeUnit.SECONDS);
        await(() -> !robot.lookup("#new-start").queryButton().isDisabled());
        robot.clickOn("#new-start");

        await(() -> engine.list().stream().anyMatch(t -> t.name().equals("appliance-disk.raw")));
        Transfer started = engine.list().stream().filter(t -> t.name().equals("appliance-disk.raw")).findFirst().orElseThrow();
        await(() -> {
            TransferRow row = window.transfers().row(started.id());
            return row != null && row.phase() == TransferPhase.FINISHED_SUCCESS;
        });
        Path copy = dest.resolve("appliance-disk.raw");
        assertThat(copy).exists();
        assertThat(Files.mismatch(file, copy)).isEqualTo(-1L);
        try (var listing = Files.list(dest)) {
            assertThat(listing.toList()).as("no partial file left beside the copy").containsExactly(copy);
        }
        TransferRow row = window.transfers().row(started.id());
        assertThat(row.progress()).isEqualTo(1.0);
        assertThat(row.transfer().option("verify", "?")).isEqualTo("true");
        await(() -> robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() == row)
                .map(r -> ((Labeled) r.lookup(".percent")).getText())
                .anyMatch("100%"::equals));
        // the row model is final already; its cell shows it at the next pulse (CI once read the badge one pulse early)
        await(() -> robot.lookup(".phase-badge").queryAllAs(Labeled.class).stream().map(Labeled::getText)
                .anyMatch("Finished"::equals));
    }
}
