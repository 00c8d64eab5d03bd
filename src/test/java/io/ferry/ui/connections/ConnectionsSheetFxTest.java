package io.ferry.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.i18n.I18n;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Connections dialog on JavaFX's Headless platform, driven by TestFX's robot, over the in-memory port. */
@ExtendWith(ApplicationExtension.class)
class ConnectionsSheetFxTest {
    private final InMemoryConnections port = new InMemoryConnections();
    private ConnectionsViewModel vm;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        vm = new ConnectionsViewModel(port, new I18n(Locale.ENGLISH), Runnable::run, Runnable::run);
        ConnectionsSheet sheet = new ConnectionsSheet(vm, new I18n(Locale.ENGLISH), title -> null, () -> {});
        vm.refresh();
        stage.setScene(new Scene(new StackPane(sheet.node()), 760, 760));
        stage.show();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    @Test
    void addsAGcsProfileAndSeesItListedThenTestsIt(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#connections-list").queryListView().getItems()).isEmpty();
        robot.clickOn("#connections-add");
        await(() -> robot.lookup("Google Storage Transfer").tryQuery().isPresent());
        robot.clickOn("Google Storage Transfer");
        await(() -> robot.lookup("#profile-editor").tryQuery().isPresent());
        assertThat(robot.lookup("#profile-save").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#profile-problem").queryLabeled().getText()).isEqualTo("Give the connection a name.");

        robot.clickOn("#profile-name").write("Data lake");
        robot.clickOn("#profile-project").write("ferry-lake");
        await(() -> !robot.lookup("#profile-save").queryButton().isDisabled());
        port.testSummary = "Storage Transfer API answered for project ferry-lake";
        robot.clickOn("#profile-test");
        await(() -> "Storage Transfer API answered for project ferry-lake"
                .equals(robot.lookup("#profile-test-result").queryLabeled().getText()));
        robot.clickOn("#profile-save");

        await(() -> robot.lookup("#connections-list").tryQuery().isPresent());
        ListView<?> list = robot.lookup("#connections-list").queryListView();
        await(() -> list.getItems().size() == 1);
        assertThat(port.profiles.values()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.GCS);
            assertThat(p.field(ProfileFields.PROJECT)).isEqualTo("ferry-lake");
        });
        await(() -> robot.lookup(".profile-name").queryAllAs(Labeled.class).stream().anyMatch(l -> "Data lake".equals(l.getText())));
        assertThat(robot.lookup(".profile-where").queryLabeled().getText())
                .isEqualTo("Google Storage Transfer — ferry-lake · Application Default Credentials");

        port.testFails = "PERMISSION_DENIED: storagetransfer.operations.list denied on project ferry-lake";
        robot.clickOn(".profile-name");
        robot.clickOn("#connections-test");
        await(() -> robot.lookup(".profile-test").tryQuery().map(n -> ((Labeled) n).getText()).orElse("")
                .startsWith("PERMISSION_DENIED"));
    }

    @Test
    void anOvirtProfileCannotBeSavedUntilTheFingerprintIsConfirmed(FxRobot robot) throws Exception {
        port.certificates.put(Kind.OVIRT, new ConnectionsPort.Certificate("PEM", "AA:BB:CC", "CN=engine CA", ""));
        WaitForAsyncUtils.asyncFx(() -> vm.add(Kind.OVIRT)).get(30, TimeUnit.SECONDS);
        await(() -> robot.lookup("#profile-editor").tryQuery().isPresent());
        robot.clickOn("#profile-name").write("Prod");
        robot.clickOn("#profile-engine").write("https://engine.example.com");
        robot.clickOn("#profile-user").write("admin@internal");
        robot.clickOn("#profile-password").write("pw");
        robot.clickOn("#profile-fetch-certificate");
        await(() -> robot.lookup("#profile-fingerprint").queryLabeled().getText().equals("SHA-256  AA:BB:CC"));
        assertThat(robot.lookup("#profile-save").queryButton().isDisabled()).isTrue();
        robot.clickOn("#profile-confirm-certificate");
        await(() -> !robot.lookup("#profile-save").queryButton().isDisabled());
        robot.clickOn("#profile-save");
        await(() -> port.profiles.size() == 1);
        assertThat(port.secrets.values()).containsExactly("pw");
        assertThat(port.profiles.values()).singleElement().satisfies(p -> {
            assertThat(p.fields()).containsEntry(ProfileFields.CERT_SHA256, "AA:BB:CC").doesNotContainValue("pw");
        });
    }
}
