package io.ferry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.connections.ConnectionsPort.StorageDomain;
import io.ferry.ui.connections.InMemoryConnections;
import io.ferry.ui.connections.ProfileFields;
import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.settings.InMemorySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window with the remote systems installed: a dropped disk image is offered to oVirt, and the upload starts. */
@ExtendWith(ApplicationExtension.class)
class RemoteSystemsFxTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");

    @TempDir
    Path tmp;

    private DemoTransfers engine;
    private MainWindow window;
    private final InMemoryConnections port = new InMemoryConnections();

    @Start
    void start(Stage stage) throws Exception {
        Profile prod = port.save(new Profile("", Kind.OVIRT, "prod", Map.of(ProfileFields.ENGINE, "https://engine.example.com",
                ProfileFields.USER, "admin@internal")), "pw".toCharArray());
        port.domains.put(prod.id(), List.of(new StorageDomain("sd-1", "data1", "data", 1L << 40)));
        engine = DemoTransfers.seeded(NOW);
        window = new MainWindow(engine, new InMemorySettings(),
                new MainWindow.Environment(ZoneId.of("UTC"), Runnable::run, uri -> {}, false));
        RemoteSystems.install(window, port, null, engine, Runnable::run, ZoneId.of("UTC"));
        stage.setScene(window.scene());
        stage.setWidth(990);
        stage.setHeight(760);
        stage.show();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    @Test
    void aDroppedDiskImageIsOfferedToOvirtAndUploads(FxRobot robot) throws Exception {
        Path image = Files.write(tmp.resolve("erp_appliance.raw"), new byte[128 * 1024]);
        WaitForAsyncUtils.asyncFx(() -> window.drop(List.of(image.toFile()))).get(30, TimeUnit.SECONDS);
        await(() -> robot.lookup("#new-ovirt-upload").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(robot.lookup("#new-ovirt-upload").queryButton().getText()).isEqualTo("Disk image: upload erp_appliance.raw to oVirt instead…");
        robot.clickOn("#new-ovirt-upload");
        await(() -> robot.lookup("#ovirt-upload-sheet").tryQuery().isPresent());
        await(() -> !robot.lookup("#ovirt-start").queryButton().isDisabled());
        robot.clickOn("#ovirt-start");
        await(() -> engine.list().stream().anyMatch(t -> t.provider().equals("ovirt") && t.direction() == Direction.UPLOAD
                && t.source().equals(image.toString())));
        await(() -> robot.lookup("#ovirt-upload-sheet").tryQuery().isEmpty());
    }

    @Test
    void aDroppedTextFileGetsNoOvirtOffer(FxRobot robot) throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
        WaitForAsyncUtils.asyncFx(() -> window.drop(List.of(file.toFile()))).get(30, TimeUnit.SECONDS);
        await(() -> robot.lookup("#new-transfer-sheet").tryQuery().isPresent());
        assertThat(robot.lookup("#new-ovirt-upload").tryQuery()).isEmpty();
    }
}
