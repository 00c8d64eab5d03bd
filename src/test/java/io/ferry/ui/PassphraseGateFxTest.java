package io.ferry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.ui.connections.InMemoryConnections;
import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.secrets.InMemorySecrets;
import io.ferry.ui.settings.InMemorySettings;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Without an OS secret store the window asks for the secrets file's passphrase before the Connections sheet: a
 * wrong one is refused with the reason, the right one opens the file and then the sheet; "Not now" goes on without.
 */
@ExtendWith(ApplicationExtension.class)
class PassphraseGateFxTest {
    private final InMemorySecrets secrets = new InMemorySecrets("correct horse battery");
    private RemoteSystems remote;

    @Start
    void start(Stage stage) {
        DemoTransfers engine = DemoTransfers.seeded(Instant.parse("2026-11-23T10:30:00Z"));
        MainWindow window = new MainWindow(engine, new InMemorySettings(),
                new MainWindow.Environment(ZoneId.of("UTC"), Runnable::run, uri -> {}, false));
        remote = RemoteSystems.install(window, new InMemoryConnections(), secrets, engine, Runnable::run, ZoneId.of("UTC"));
        stage.setScene(window.scene());
        stage.setWidth(990);
        stage.setHeight(760);
        stage.show();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    @Test
    void connectionsWaitForTheRightPassphrase(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> remote.withSecrets(remote::showConnections)).get(30, TimeUnit.SECONDS);
        await(() -> robot.lookup("#passphrase-sheet").tryQuery().isPresent());
        assertThat(robot.lookup("#connections-sheet").tryQuery()).isEmpty();
        assertThat(robot.lookup("#passphrase-hint").queryAs(Labeled.class).getText()).contains("/data/secrets.enc");
        assertThat(robot.lookup("#passphrase-confirm").tryQuery()).as("unlocking asks once").isEmpty();
        assertThat(robot.lookup("#passphrase-unlock").queryButton().isDisabled()).isTrue();

        robot.clickOn("#passphrase-field").write("wrong one");
        robot.clickOn("#passphrase-unlock");
        await(() -> !robot.lookup("#passphrase-problem").queryAs(Labeled.class).getText().isEmpty());
        assertThat(robot.lookup("#passphrase-problem").queryAs(Labeled.class).getText())
                .startsWith("Not unlocked: The passphrase does not open");
        assertThat(robot.lookup("#connections-sheet").tryQuery()).isEmpty();

        robot.clickOn("#passphrase-field").write("correct horse battery");
        robot.clickOn("#passphrase-unlock");
        await(() -> robot.lookup("#connections-sheet").tryQuery().isPresent());
        assertThat(robot.lookup("#passphrase-sheet").tryQuery()).isEmpty();

        // once open, the next remote sheet comes straight away
        WaitForAsyncUtils.asyncFx(() -> remote.withSecrets(remote::showWatch)).get(30, TimeUnit.SECONDS);
        await(() -> robot.lookup("#watch-sheet").tryQuery().isPresent());
        assertThat(robot.lookup("#passphrase-sheet").tryQuery()).isEmpty();
    }

    @Test
    void notNowGoesOnWithoutThePasswords(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> remote.withSecrets(remote::showConnections)).get(30, TimeUnit.SECONDS);
        await(() -> robot.lookup("#passphrase-sheet").tryQuery().isPresent());
        robot.clickOn("#passphrase-skip");
        await(() -> robot.lookup("#connections-sheet").tryQuery().isPresent());
        assertThat(secrets.state()).isEqualTo(io.ferry.ui.secrets.SecretsPort.State.LOCKED);
    }
}
