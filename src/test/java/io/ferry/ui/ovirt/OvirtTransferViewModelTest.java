package io.ferry.ui.ovirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.ui.connections.ConnectionsPort.Disk;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.connections.ConnectionsPort.StorageDomain;
import io.ferry.ui.connections.InMemoryConnections;
import io.ferry.ui.connections.ProfileFields;
import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.i18n.I18n;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload to / download from oVirt without a stage, on real image files: format from the header, pickers, the request. */
class OvirtTransferViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");

    @TempDir
    Path tmp;

    private final InMemoryConnections port = new InMemoryConnections();
    private final DemoTransfers engine = DemoTransfers.seeded(NOW);
    private final OvirtTransferViewModel vm = new OvirtTransferViewModel(port, engine, new I18n(Locale.ENGLISH), Runnable::run, Runnable::run);
    private Profile prod;

    @BeforeEach
    void connections() throws Exception {
        port.save(new Profile("", Kind.GCS, "lake", Map.of()), null);
        prod = port.save(new Profile("", Kind.OVIRT, "prod", Map.of(ProfileFields.ENGINE, "https://engine.example.com",
                ProfileFields.USER, "admin@internal")), "pw".toCharArray());
        port.domains.put(prod.id(), List.of(new StorageDomain("sd-iso", "iso1", "iso", -1),
                new StorageDomain("sd-1", "data1", "data", 500L << 30)));
        port.disks.put(prod.id(), List.of(new Disk("d-1", "rhel-9.5", "cow", "ok", 10L << 30),
                new Disk("d-2", "win2025", "raw", "ok", 60L << 30)));
    }

    /** A qcow2 v3 header: magic, version, no backing file, 1 GiB virtual size. */
    private Path qcow2(String name, boolean backing) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putInt(0x514649fb).putInt(3);
        b.putLong(backing ? 512 : 0).putInt(backing ? 8 : 0);
        b.putInt(16).putLong(1L << 30);
        b.putInt(0).putInt(0).putLong(0).putInt(0).putInt(0).putLong(0).putLong(0);
        b.putInt(0).putInt(0).putLong(0).putLong(0).putLong(0).putInt(4).putInt(104);
        if (backing) {
            b.position(504);
            b.put("base.img".getBytes());
        }
        return Files.write(tmp.resolve(name), b.array());
    }

    @Test
    void aQcow2ImageGoesToACowDiskOnTheFirstDataDomain() throws Exception {
        vm.openUpload(qcow2("rhel-9.5.qcow2", false));
        assertThat(vm.connections()).containsExactly(prod);
        assertThat(vm.domains()).extracting(StorageDomain::name).containsExactly("iso1", "data1");
        assertThat(vm.domainProperty().get().name()).isEqualTo("data1");
        assertThat(vm.formatProperty().get()).isEqualTo("cow");
        assertThat(vm.imageInfoProperty().get()).isEqualTo("qcow2 v3");
        assertThat(vm.diskNameProperty().get()).isEqualTo("rhel-9.5");
        assertThat(vm.canStartProperty().get()).isTrue();

        vm.formatProperty().set("raw");
        assertThat(vm.problemProperty().get()).startsWith("The image is qcow2 v3, which is uploaded as is to a cow disk, not raw.");
        vm.formatProperty().set("cow");
        vm.diskNameProperty().set("rhel-golden");
        vm.start();
        Transfer t = engine.list().stream().filter(x -> x.provider().equals("ovirt") && x.direction() == Direction.UPLOAD)
                .filter(x -> x.name().equals("rhel-9.5.qcow2")).findFirst().orElseThrow();
        assertThat(t.source()).isEqualTo(tmp.resolve("rhel-9.5.qcow2").toString());
        assertThat(t.options()).containsEntry("storage_domain", "data1").containsEntry("disk_name", "rhel-golden")
                .containsEntry("format", "cow").containsEntry("paused_system", "wait").containsEntry("profile", prod.id());
        assertThat(vm.doneProperty().get()).isTrue();
    }

    @Test
    void aQcow2WithABackingFileIsRefusedUpFront() throws Exception {
        vm.openUpload(qcow2("overlay.qcow2", true));
        assertThat(vm.canStartProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).startsWith("overlay.qcow2 cannot be uploaded:").contains("backing");
    }

    @Test
    void aRawImageGoesToARawDisk() throws Exception {
        Path raw = Files.write(tmp.resolve("disk.img"), new byte[64 * 1024]);
        vm.openUpload(raw);
        assertThat(vm.formatProperty().get()).isEqualTo("raw");
        assertThat(vm.diskNameProperty().get()).isEqualTo("disk");
    }

    @Test
    void aDiskPickedFromTheEngineDownloadsIntoTheFolderInItsFormat() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("downloads"));
        vm.openDownload(folder);
        assertThat(vm.disks()).extracting(Disk::name).containsExactly("rhel-9.5", "win2025");
        assertThat(vm.problemProperty().get()).isEqualTo("Pick the disk to download.");
        vm.diskProperty().set(vm.disks().getFirst());
        assertThat(vm.downloadTarget()).isEqualTo(folder.resolve("rhel-9.5.qcow2"));
        Files.writeString(folder.resolve("rhel-9.5.qcow2"), "old");
        assertThat(vm.problemProperty().get()).isEmpty();
        vm.diskProperty().set(vm.disks().get(1));
        vm.diskProperty().set(vm.disks().getFirst());
        assertThat(vm.problemProperty().get()).isEqualTo("rhel-9.5.qcow2 already exists in this folder. Choose another folder or remove it first.");
        vm.diskProperty().set(new Disk("d-3", "db-data", "cow", "locked", 1L << 30));
        assertThat(vm.problemProperty().get()).isEqualTo("db-data is locked on the engine; wait until it is OK, then download it.");
        vm.diskProperty().set(vm.disks().get(1));
        vm.start();
        Transfer t = engine.list().stream().filter(x -> x.direction() == Direction.DOWNLOAD && x.provider().equals("ovirt"))
                .filter(x -> x.source().equals("d-2")).findFirst().orElseThrow();
        assertThat(t.target()).isEqualTo(folder.resolve("win2025.raw").toString());
        assertThat(t.options()).containsEntry("disk_id", "d-2");
    }

    @Test
    void anEngineThatCannotBeReachedSaysSo() throws Exception {
        port.domains.clear();
        InMemoryConnections failing = new InMemoryConnections() {
            @Override
            public List<StorageDomain> storageDomains(String profileId) {
                throw new IllegalStateException("UNAVAILABLE: engine.example.com answered 503");
            }
        };
        failing.save(new Profile("", Kind.OVIRT, "down", Map.of()), null);
        OvirtTransferViewModel down = new OvirtTransferViewModel(failing, engine, new I18n(Locale.ENGLISH), Runnable::run, Runnable::run);
        down.openUpload(Files.write(tmp.resolve("a.raw"), new byte[512]));
        assertThat(down.loadErrorProperty().get()).isEqualTo("Could not read from “down”: UNAVAILABLE: engine.example.com answered 503");
        assertThat(down.canStartProperty().get()).isFalse();
    }
}
