package io.ferry.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.ferry.ui.connections.ConnectionsPort.Certificate;
import io.ferry.ui.connections.ConnectionsPort.Disk;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.connections.ConnectionsPort.RecentJob;
import io.ferry.ui.connections.ConnectionsPort.StorageDomain;
import io.ferry.ui.connections.ConnectionsSheet;
import io.ferry.ui.connections.ConnectionsViewModel;
import io.ferry.ui.connections.InMemoryConnections;
import io.ferry.ui.connections.ProfileEditorViewModel;
import io.ferry.ui.connections.ProfileFields;
import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.i18n.I18n;
import io.ferry.ui.ovirt.OvirtTransferSheet;
import io.ferry.ui.ovirt.OvirtTransferViewModel;
import io.ferry.ui.watch.WatchSheet;
import io.ferry.ui.watch.WatchViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the passphrase, Connections, profile editor, Watch and oVirt sheets to PNGs under target/screenshots/.
 * {@code mvn -B -o test -Dtest=ConnectionsScreenshotTour -Dferry.screenshots=true}
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "ferry.screenshots", matches = "true")
class ConnectionsScreenshotTour {
    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static InMemoryConnections port() throws Exception {
        InMemoryConnections port = new InMemoryConnections();
        Profile prod = port.save(new Profile("", Kind.OVIRT, "Production engine", Map.of(ProfileFields.ENGINE,
                "https://rhvm.example.com", ProfileFields.USER, "admin@internal", ProfileFields.TRUST, "fetched",
                ProfileFields.CERT_SHA256, "5F:1C:…")), "pw".toCharArray());
        Profile lake = port.save(new Profile("", Kind.GCS, "Data lake", Map.of(ProfileFields.PROJECT, "ferry-lake-prod")), null);
        port.save(new Profile("", Kind.ELEMENT, "SolidFire cluster A", Map.of(ProfileFields.MVIP, "https://10.20.0.10",
                ProfileFields.USERNAME, "admin", ProfileFields.API_VERSION, "12.5")), "pw".toCharArray());
        port.save(new Profile("", Kind.IMS, "OTC eu-de", Map.of(ProfileFields.USER, "ferry-ops", ProfileFields.PROJECT,
                "eu-de_ferry", ProfileFields.REGION, "eu-de")), "pw".toCharArray());
        port.certificates.put(Kind.OVIRT, new Certificate("-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n",
                "5F:1C:9A:E2:40:7B:D3:11:8C:0A:6E:F4:29:B7:53:C8:90:1D:AE:47:62:F0:3B:85:C1:9E:24:D6:7A:08:B3:5E",
                "CN=rhvm.example.com.12345, O=example.com, C=US", "The engine’s https certificate is signed by this CA."));
        port.recent.put(lake.id(), List.of(
                new RecentJob("transferOperations/transferJobs-15377414385620843957-1700000000000000", "transferJobs/15377414385620843957",
                        "IN_PROGRESS", NOW.minusSeconds(600)),
                new RecentJob("transferOperations/transferJobs-15377414385620843957-1699900000000000", "transferJobs/15377414385620843957",
                        "SUCCESS", NOW.minusSeconds(86_400)),
                new RecentJob("transferOperations/transferJobs-9920-1699800000000000", "transferJobs/9920", "FAILED",
                        NOW.minusSeconds(2 * 86_400))));
        port.domains.put(prod.id(), List.of(new StorageDomain("1", "data-nfs-01", "data", 1_843L << 30),
                new StorageDomain("2", "iso-domain", "iso", 120L << 30)));
        port.disks.put(prod.id(), List.of(new Disk("4f2c3a9e-0b1d-4e55-9a61-2d7c11b0e901", "rhel-9.5-golden", "cow", "ok", 20L << 30),
                new Disk("8a1b6d20-7c3e-4f0a-b2d9-5e6f7a8b9c0d", "win2025-eval", "raw", "ok", 64L << 30),
                new Disk("c0ffee00-1111-2222-3333-444455556666", "db-data-01", "cow", "locked", 500L << 30)));
        port.testSummary = "oVirt Engine 4.5.6.2-1.el9 · 2 storage domains";
        return port;
    }

    @Test
    void renderSheets() throws Exception {
        Path dir = Path.of("target/screenshots");
        I18n en = new I18n(Locale.ENGLISH);

        shoot(dir.resolve("passphrase-create.png"), false, () -> {
            var secrets = new io.ferry.ui.secrets.InMemorySecrets(null);
            var vm = new io.ferry.ui.secrets.PassphraseViewModel(secrets, secrets.state(),
                    "/home/op/.local/share/ferry/secrets.enc", en, Runnable::run, Runnable::run, () -> {});
            vm.passphraseProperty().set("correct horse");
            vm.confirmationProperty().set("correct hors");
            return new io.ferry.ui.secrets.PassphraseSheet(vm, en, () -> {}).node();
        });
        shoot(dir.resolve("passphrase-unlock-wrong.png"), true, () -> {
            var secrets = new io.ferry.ui.secrets.InMemorySecrets("correct horse battery");
            secrets.location = "/home/op/.local/share/ferry/secrets.enc";
            var vm = new io.ferry.ui.secrets.PassphraseViewModel(secrets, secrets.state(), secrets.location, en, Runnable::run, Runnable::run, () -> {});
            vm.passphraseProperty().set("wrong");
            vm.unlock();
            return new io.ferry.ui.secrets.PassphraseSheet(vm, en, () -> {}).node();
        });
        InMemoryConnections p1 = port();
        shoot(dir.resolve("connections-list.png"), false, () -> {
            ConnectionsViewModel vm = new ConnectionsViewModel(p1, en, Runnable::run, Runnable::run);
            vm.refresh();
            vm.selectedProperty().set(vm.profiles().stream().filter(p -> p.kind() == Kind.OVIRT).findFirst().orElseThrow());
            vm.testSelected();
            return new ConnectionsSheet(vm, en, t -> null, () -> {}).node();
        });
        InMemoryConnections p2 = port();
        shoot(dir.resolve("connections-ovirt-editor.png"), false, () -> {
            ConnectionsViewModel vm = new ConnectionsViewModel(p2, en, Runnable::run, Runnable::run);
            Node n = new ConnectionsSheet(vm, en, t -> null, () -> {}).node();
            ProfileEditorViewModel e = vm.add(Kind.OVIRT);
            e.nameProperty().set("Production engine");
            e.field(ProfileFields.ENGINE).set("https://rhvm.example.com");
            e.field(ProfileFields.USER).set("admin@internal");
            e.passwordProperty().set("secret");
            e.fetchCertificate();
            return n;
        });
        InMemoryConnections p3 = port();
        I18n ja = new I18n(Locale.JAPANESE);
        p3.testSummary = "connected to https://10.20.0.10 (API 12.5) as admin; 2 bulk volume jobs running";
        shoot(dir.resolve("connections-element-editor-ja-dark.png"), true, () -> {
            p3.certificates.put(Kind.ELEMENT, new Certificate("", "0D:77:41:9C:AA:52:E0:18:3F:6B:C2:94:11:D8:7E:05:B9:60:2A:F3:4C:8D:71:E6:93:0B:5A:C4:28:DF:16:87",
                    "CN=10.20.0.10, O=NetApp SolidFire", ""));
            ConnectionsViewModel vm = new ConnectionsViewModel(p3, ja, Runnable::run, Runnable::run);
            Node n = new ConnectionsSheet(vm, ja, t -> null, () -> {}).node();
            ProfileEditorViewModel e = vm.add(Kind.ELEMENT);
            e.nameProperty().set("SolidFire クラスタ A");
            e.field(ProfileFields.MVIP).set("https://10.20.0.10");
            e.field(ProfileFields.USERNAME).set("admin");
            e.fetchCertificate();
            e.confirmedProperty().set(true);
            e.test();
            return n;
        });
        InMemoryConnections p4 = port();
        shoot(dir.resolve("watch.png"), false, () -> {
            WatchViewModel vm = new WatchViewModel(p4, DemoTransfers.seeded(NOW), en, Runnable::run, Runnable::run);
            vm.load();
            vm.connectionProperty().set(vm.connections().stream().filter(p -> p.kind() == Kind.GCS).findFirst().orElseThrow());
            vm.loadRecent();
            vm.pickedRecentProperty().set(vm.recent().getFirst());
            return new WatchSheet(vm, en, ZoneId.of("UTC"), () -> {}).node();
        });
        Path image = Files.write(Files.createDirectories(Path.of("target/tour")).resolve("rhel-9.5-x86_64.raw"), new byte[4096]);
        InMemoryConnections p5 = port();
        I18n fr = new I18n(Locale.FRENCH);
        shoot(dir.resolve("ovirt-upload-fr.png"), false, () -> {
            OvirtTransferViewModel vm = new OvirtTransferViewModel(p5, DemoTransfers.seeded(NOW), fr, Runnable::run, Runnable::run);
            vm.openUpload(image);
            return new OvirtTransferSheet(vm, fr, f -> null, () -> {}).node();
        });
        InMemoryConnections p7 = port();
        WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            MainWindow w = new MainWindow(DemoTransfers.seeded(NOW), new io.ferry.ui.settings.InMemorySettings(),
                    new MainWindow.Environment(ZoneId.of("UTC"), Runnable::run, u -> {}, false));
            RemoteSystems.install(w, p7, null, DemoTransfers.seeded(NOW), Runnable::run, ZoneId.of("UTC"));
            stage.setScene(w.scene());
            stage.setWidth(990);
            stage.setHeight(760);
            stage.show();
            stage.getScene().getRoot().getProperties().put(MainWindow.class, w);
            return null;
        }).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> ((MainWindow) stage.getScene().getRoot().getProperties().get(MainWindow.class))
                .openSheet(List.of(image))).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> Snapshots.write(stage.getScene(), dir.resolve("new-transfer-ovirt-offer.png"))).get(60, TimeUnit.SECONDS);
        InMemoryConnections p6 = port();
        shoot(dir.resolve("ovirt-download-dark.png"), true, () -> {
            OvirtTransferViewModel vm = new OvirtTransferViewModel(p6, DemoTransfers.seeded(NOW), en, Runnable::run, Runnable::run);
            vm.openDownload(Path.of("target/tour").toAbsolutePath());
            vm.diskProperty().set(vm.disks().getFirst());
            return new OvirtTransferSheet(vm, en, f -> null, () -> {}).node();
        });
    }

    private void shoot(Path file, boolean dark, java.util.concurrent.Callable<Node> sheet) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
            StackPane host = new StackPane(sheet.call());
            host.setStyle("-fx-background-color: -color-bg-inset; -fx-padding: 28px;");
            host.getStylesheets().add(MainWindow.class.getResource("/io/ferry/ui/common/app.css").toExternalForm());
            host.getStyleClass().add("ferry-root");
            stage.setScene(new Scene(host, 780, 860));
            stage.show();
            return null;
        }).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> Snapshots.write(stage.getScene(), file)).get(60, TimeUnit.SECONDS);
        System.out.println("screenshot: " + file.toAbsolutePath());
    }
}
