package io.ferry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.settings.InMemorySettings;
import io.ferry.ui.transfers.TransferRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on JavaFX's Headless platform, driven by TestFX's robot, on the demo engine. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    private DemoTransfers engine;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        engine = DemoTransfers.seeded(NOW);
        window = new MainWindow(engine, new InMemorySettings(),
                new MainWindow.Environment(ZoneId.of("UTC"), Runnable::run, uri -> {}, false));
        stage.setScene(window.scene());
        stage.setWidth(990);
        stage.setHeight(720);
        stage.show();
    }

    /** Waits (polling the FX thread, no fixed sleep) until the condition holds. */
    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TableRow<?> tableRow(FxRobot robot, String id) {
        return robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() instanceof TransferRow tr && tr.id().equals(id))
                .findFirst().orElse(null);
    }

    private void select(String id) throws Exception {
        fx(() -> window.select(window.transfers().row(id)));
    }

    @Test
    void aNewTransferAppearsAsARow(FxRobot robot) throws Exception {
        Path file = Files.writeString(tmp.resolve("fresh-disk.raw"), "abc");
        engine.submit(new io.ferry.engine.TransferRequest("local", io.ferry.domain.Direction.COPY, "fresh-disk.raw",
                file.toString(), tmp.resolve("copy.raw").toString(), java.util.Map.of()));
        await(() -> robot.lookup(".transfer-name").queryAllAs(Labeled.class).stream()
                .anyMatch(l -> "fresh-disk.raw".equals(l.getText())));
        assertThat(robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText())
                .isEqualTo("13 transfers");
    }

    @Test
    void progressMovesTheBarAndThePercent(FxRobot robot) throws Exception {
        Transfer t = engine.get("a91d44e2").orElseThrow();
        engine.publish(t.withBytes(t.bytesTotal() / 2, t.bytesTotal()), 0);
        await(() -> {
            TableRow<?> row = tableRow(robot, "a91d44e2");
            if (row == null) {
                return false;
            }
            ProgressBar bar = (ProgressBar) row.lookup(".row-progress");
            Labeled percent = (Labeled) row.lookup(".percent");
            return Math.abs(bar.getProgress() - 0.5) < 0.001 && "50%".equals(percent.getText());
        });
        Transfer later = engine.get("a91d44e2").orElseThrow();
        engine.publish(later.withBytes(later.bytesTotal() * 3 / 4, later.bytesTotal()), 0);
        await(() -> "75%".equals(((Labeled) tableRow(robot, "a91d44e2").lookup(".percent")).getText()));
    }

    @Test
    void pauseAndResumeButtonsFollowThePhase(FxRobot robot) throws Exception {
        select("7f3c2a10");
        Button pause = robot.lookup("#action-pause").queryButton();
        Button resume = robot.lookup("#action-resume").queryButton();
        assertThat(pause.isDisabled()).isFalse();
        assertThat(resume.isDisabled()).isTrue();
        Tooltip why = (Tooltip) resume.getParent().getProperties().values().stream()
                .filter(Tooltip.class::isInstance).findFirst().orElseThrow();
        assertThat(why.getText()).contains("Cannot resume").contains("Transferring");

        robot.clickOn(pause);
        await(() -> engine.get("7f3c2a10").orElseThrow().phase() == TransferPhase.PAUSED_USER);
        await(() -> pause.isDisabled() && !resume.isDisabled());

        robot.clickOn(resume);
        await(() -> engine.get("7f3c2a10").orElseThrow().phase() == TransferPhase.RESUMING);
        engine.tick(java.time.Duration.ofMillis(100));
        await(() -> !pause.isDisabled() && resume.isDisabled());
    }

    @Test
    void cancelAsksFirst(FxRobot robot) throws Exception {
        select("a91d44e2");
        robot.clickOn("#action-cancel");
        await(() -> robot.lookup("#confirm-sheet").tryQuery().isPresent());
        robot.clickOn("#confirm-keep");
        assertThat(engine.get("a91d44e2").orElseThrow().phase()).isEqualTo(TransferPhase.TRANSFERRING);
        robot.clickOn("#action-cancel");
        await(() -> robot.lookup("#confirm-yes").tryQuery().isPresent());
        robot.clickOn("#confirm-yes");
        await(() -> engine.get("a91d44e2").orElseThrow().phase() == TransferPhase.CANCELLED_USER);
    }

    @Test
    void theBreakdownShowsCountsAndNeverMoreThanFiveSamplesPerCode(FxRobot robot) throws Exception {
        select("f00dbabe");
        await(() -> robot.lookup("#error-NOT_FOUND").tryQuery().isPresent());
        Node notFound = robot.lookup("#error-NOT_FOUND").query();
        assertThat(robot.from(notFound).lookup(".error-count").queryLabeled().getText()).isEqualTo("12 errors");
        assertThat(robot.from(notFound).lookup(".http-tag").queryLabeled().getText()).isEqualTo("HTTP 404");
        Node samples = robot.from(notFound).lookup(".error-samples").query();
        assertThat(samples.isVisible()).isFalse();
        fx(() -> ((javafx.scene.control.ToggleButton) notFound.lookup(".error-expand")).setSelected(true));
        assertThat(samples.isVisible()).isTrue();
        assertThat(robot.from(notFound).lookup(".error-sample").queryAll()).hasSize(5);
        assertThat(robot.from(notFound).lookup(".sample-url").queryAll()).hasSize(5);
        for (String code : List.of("DEADLINE_EXCEEDED", "PERMISSION_DENIED", "UNAVAILABLE")) {
            assertThat(robot.lookup("#error-" + code + " .error-sample").queryAll()).hasSizeLessThanOrEqualTo(5);
        }
        assertThat(robot.lookup("#error-UNAVAILABLE .error-count").queryLabeled().getText()).isEqualTo("7 errors");
    }

    @Test
    void aDroppedFileOpensTheSheetAndStartStartsIt(FxRobot robot) throws Exception {
        Path file = Files.write(tmp.resolve("dropped.img"), new byte[64 * 1024]);
        Path dest = Files.createDirectory(tmp.resolve("dest"));
        fx(() -> window.drop(List.of(file.toFile())));
        await(() -> robot.lookup("#new-transfer-sheet").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(robot.lookup("#new-start").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#new-problem").queryLabeled().getText()).isEqualTo("Choose a destination folder.");
        robot.clickOn("#new-destination");
        fx(() -> ((TextField) robot.lookup("#new-destination").query()).setText(dest.toString()));
        await(() -> !robot.lookup("#new-start").queryButton().isDisabled());
        robot.clickOn("#new-start");
        await(() -> engine.list().stream().anyMatch(t -> t.name().equals("dropped.img")));
        Transfer t = engine.list().stream().filter(x -> x.name().equals("dropped.img")).findFirst().orElseThrow();
        assertThat(t.target()).isEqualTo(dest.resolve("dropped.img").toString());
        assertThat(t.option("verify", "?")).isEqualTo("true");
        await(() -> window.transfers().row(t.id()) != null);
    }

    @Test
    void droppingSomethingThatCannotBeTransferredSaysWhy(FxRobot robot) throws Exception {
        fx(() -> window.drop(List.of(tmp.resolve("vanished.iso").toFile())));
        assertThat(window.newTransfer().showingProperty().get()).isFalse();
        assertThat(window.banners()).singleElement().satisfies(b ->
                assertThat(((atlantafx.base.controls.Message) b).getDescription()).contains("vanished.iso").contains("does not exist"));
    }

    @Test
    void theDropTargetShowsWhileDragging(FxRobot robot) throws Exception {
        Node overlay = robot.lookup("#drop-overlay").query();
        assertThat(overlay.isVisible()).isFalse();
        fx(() -> window.draggingProperty().set(true));
        assertThat(overlay.isVisible()).isTrue();
        assertThat(robot.from(overlay).lookup(".label").queryLabeled().getText()).isEqualTo("Drop to transfer");
    }

    @Test
    void switchingLanguageChangesLabels(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#action-pause").queryButton().getText()).isEqualTo("Pause");
        fx(() -> window.settings().languageProperty().set(Locale.JAPANESE));
        assertThat(robot.lookup("#action-pause").queryButton().getText()).isEqualTo("一時停止");
        TableColumn<?, ?> phase = window.transfersView().table().getColumns().get(2);
        assertThat(phase.getText()).isEqualTo("状態");
        assertThat(robot.lookup(".phase-badge").queryAllAs(Labeled.class)).extracting(Labeled::getText).contains("転送中");
        assertThat(robot.lookup("#chip-all").queryAs(javafx.scene.control.ToggleButton.class).getText()).startsWith("すべて");
        fx(() -> window.settings().languageProperty().set(Locale.FRENCH));
        assertThat(robot.lookup("#action-pause").queryButton().getText()).isEqualTo("Suspendre");
        assertThat(robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText()).isEqualTo("12 transferts");
    }

    @Test
    void sortingByProgressAndShortcutsAct(FxRobot robot) throws Exception {
        fx(() -> {
            var table = window.transfersView().table();
            table.getSortOrder().setAll(table.getColumns().get(3)); // Progress, ascending: what a header click does
        });
        await(() -> {
            var items = window.transfersView().table().getItems();
            return TransferRow.progressOf(items.getFirst().transfer()) <= TransferRow.progressOf(items.get(1).transfer())
                    && items.getFirst().id().equals("c0ffee01"); // indeterminate (-1) sorts first ascending
        });
        select("7f3c2a10");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.P)
                .release(javafx.scene.input.KeyCode.P, javafx.scene.input.KeyCode.CONTROL);
        await(() -> engine.get("7f3c2a10").orElseThrow().phase() == TransferPhase.PAUSED_USER);
    }

    @Test
    void aFinishNotificationSelectsItsRowWhenClicked(FxRobot robot) throws Exception {
        MainWindow[] notifying = new MainWindow[1];
        fx(() -> {
            Stage s = (Stage) window.scene().getWindow();
            notifying[0] = new MainWindow(engine, new InMemorySettings(),
                    new MainWindow.Environment(ZoneId.of("UTC"), Runnable::run, uri -> {}, true));
            s.setScene(notifying[0].scene());
        });
        Transfer t = engine.get("a91d44e2").orElseThrow();
        engine.publish(t.withBytes(t.bytesTotal(), t.bytesTotal()).withPhase(TransferPhase.FINALIZING_SUCCESS, NOW, "all written"), 0);
        engine.tick(java.time.Duration.ofMillis(100));
        await(() -> robot.lookup(".notification-bar").tryQuery().isPresent());
        Node bar = robot.lookup(".notification-bar").query();
        assertThat(robot.from(bar).lookup(".label").queryAllAs(Labeled.class)).extracting(Labeled::getText)
                .anyMatch(text -> text.contains("db-backup-2026-11-22.tar.zst"));
        robot.clickOn(bar);
        await(() -> notifying[0].transfersView().table().getSelectionModel().getSelectedItem() != null
                && notifying[0].transfersView().table().getSelectionModel().getSelectedItem().id().equals("a91d44e2"));
    }

    @Test
    void settingsApplyAtOnce(FxRobot robot) throws Exception {
        fx(() -> robot.lookup("#action-settings").queryButton().fire()); // at 990 px it sits in the toolbar's overflow
        await(() -> robot.lookup("#settings-sheet").tryQuery().map(Node::isVisible).orElse(false));
        fx(() -> robot.lookup("#settings-bandwidth").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(50));
        assertThat(engine.bandwidthLimit()).isEqualTo(50 * MIB);
        assertThat(robot.lookup("#status-limit").queryLabeled().getText()).isEqualTo("Limit 50.0 MiB/s");
        fx(() -> robot.lookup("#settings-max-concurrent").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(6));
        assertThat(engine.maxConcurrent()).isEqualTo(6);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<io.ferry.ui.settings.Theme> theme =
                robot.lookup("#settings-theme").queryAs(javafx.scene.control.ComboBox.class);
        fx(() -> theme.setValue(io.ferry.ui.settings.Theme.DARK));
        assertThat(window.root().getPseudoClassStates()).extracting(Object::toString).contains("dark");
        fx(() -> robot.lookup("#settings-close").queryButton().fire());
        await(() -> robot.lookup("#settings-sheet").tryQuery().map(n -> !n.isVisible() || n.getScene() == null).orElse(true));
    }

    @Test
    void copyAsJsonPutsTheSeedShapeOnTheClipboard(FxRobot robot) throws Exception {
        select("f00dbabe");
        await(() -> robot.lookup("#copy-json").tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("#copy-json");
        String[] copied = new String[1];
        fx(() -> copied[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(copied[0]);
        assertThat(json.get("errorBreakdowns")).hasSize(4);
        assertThat(json.get("errorBreakdowns").get(1).get("errorCount").asText()).isEqualTo("12");
    }

    @Test
    void theFilterFieldAndGroupChipsNarrowTheTable(FxRobot robot) throws Exception {
        robot.clickOn("#filter").write("q");
        fx(() -> ((TextField) robot.lookup("#filter").query()).appendText("cow2"));
        await(() -> window.transfersView().table().getItems().size() == 4);
        fx(() -> ((TextField) robot.lookup("#filter").query()).clear());
        robot.clickOn("#chip-paused");
        await(() -> window.transfersView().table().getItems().size() == 2);
        robot.clickOn("#chip-all");
        await(() -> window.transfersView().table().getItems().size() == 12);
    }
}
