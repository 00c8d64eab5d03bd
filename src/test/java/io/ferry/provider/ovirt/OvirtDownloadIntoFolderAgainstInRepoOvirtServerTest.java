package io.ferry.provider.ovirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.cli.ovirt.LocalTransferContext;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.engine.TransferWatch;
import io.ferry.provider.ovirt.server.EngineServer;
import io.ferry.provider.ovirt.server.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads into a folder take the file name from the engine's disk name: hostile names (path climbing, absolute
 * paths, NUL, Windows device names, huge names) become one safe file inside the folder, with identical bytes.
 */
class OvirtDownloadIntoFolderAgainstInRepoOvirtServerTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private EngineServer ovirt;
    private Map<String, String> options;
    private final OvirtProvider provider = new OvirtProvider(PasswordSource.fromFile(),
            new TransferWatch.Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30)));

    @BeforeEach
    void start() throws Exception {
        ovirt = EngineServer.https(Files.createDirectory(dir.resolve("storage")));
        Path pw = dir.resolve("pw");
        Files.writeString(pw, EngineServer.PASSWORD);
        options = new HashMap<>(Map.of(OvirtOptions.ENGINE, ovirt.url(), OvirtOptions.USER, EngineServer.USER,
                OvirtOptions.PASSWORD_FILE, pw.toString(), OvirtOptions.CA_FILE, TestTls.pem(dir, "ca.pem").toString()));
    }

    @AfterEach
    void stop() {
        ovirt.close();
    }

    private LocalTransferContext download(String diskId, Path folder) {
        Map<String, String> o = new HashMap<>(options);
        o.put(OvirtOptions.DISK_ID, diskId);
        Transfer t = Transfer.create(UUID.randomUUID().toString(), "ovirt", Direction.DOWNLOAD, "d", diskId,
                folder.toString(), o, Instant.now());
        return new LocalTransferContext(t, Clock.systemUTC(), null);
    }

    private static List<Path> tree(Path p) throws Exception {
        try (Stream<Path> s = Files.walk(p)) {
            return s.sorted().toList();
        }
    }

    @Test
    void hostileDiskNamesBecomeSafeFilesInsideTheChosenFolder() throws Exception {
        Path image = TestImages.dense(dir, "img.raw", 2 * MIB, 61);
        Path folder = Files.createDirectories(dir.resolve("a/b/downloads"));
        List<Path> before = tree(dir).stream().filter(p -> !p.startsWith(folder) && !p.startsWith(dir.resolve("storage"))).toList();

        for (String name : List.of("../../../escaped", "/etc/cron.d/evil", "CON", "nul\u0000byte", "x".repeat(600))) {
            String id = ovirt.addDisk(name, "raw", image, Files.size(image));
            LocalTransferContext ctx = download(id, folder);

            provider.run(ctx);

            assertThat(ctx.current().phase()).as(name).isEqualTo(TransferPhase.FINISHED_SUCCESS);
            Path file = Path.of(ctx.current().attributes().get("download_file"));
            assertThat(file.getParent()).as(name).isEqualTo(folder);
            assertThat(file.getFileName().toString()).endsWith(".raw");
            assertThat(Files.mismatch(image, file)).as(name).isEqualTo(-1);
        }

        assertThat(tree(dir).stream().filter(p -> !p.startsWith(folder) && !p.startsWith(dir.resolve("storage"))).toList())
                .as("nothing written outside the folder").isEqualTo(before);
        try (Stream<Path> s = Files.list(folder)) {
            assertThat(s.map(p -> p.getFileName().toString())).hasSize(5).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void aDanglingLinkInTheFolderUnderTheDisksNameIsNotWrittenThrough() throws Exception {
        Path image = TestImages.dense(dir, "img.raw", MIB, 62);
        Path folder = Files.createDirectory(dir.resolve("downloads"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.createSymbolicLink(folder.resolve("vm.raw"), outside.resolve("vm.raw"));
        String id = ovirt.addDisk("vm", "raw", image, Files.size(image));

        assertThatThrownBy(() -> provider.run(download(id, folder)))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("outside");
                });
        assertThat(outside.resolve("vm.raw")).doesNotExist();
    }
}
