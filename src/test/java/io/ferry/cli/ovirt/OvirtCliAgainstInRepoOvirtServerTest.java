package io.ferry.cli.ovirt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.PasswordSource;
import io.ferry.provider.ovirt.TestImages;
import io.ferry.provider.ovirt.engine.TransferWatch;
import io.ferry.provider.ovirt.server.EngineServer;
import io.ferry.provider.ovirt.server.ImageioServer;
import io.ferry.provider.ovirt.server.TestTls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ferry ovirt …} and {@code ferry imageio …} run as an operator would, against the in-repo servers. */
class OvirtCliAgainstInRepoOvirtServerTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private EngineServer engine;
    private Path ca;
    private Path pw;
    private final TransferRunner runner = new LocalRunner(new OvirtProvider(PasswordSource.fromFile(),
            new TransferWatch.Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30))));

    record Result(int exit, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        engine = EngineServer.https(Files.createDirectory(dir.resolve("storage")));
        ca = TestTls.pem(dir, "ca.pem");
        pw = dir.resolve("pw.txt");
        Files.writeString(pw, EngineServer.PASSWORD + "\n");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Result run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Result ovirt(String... args) {
        return run(OvirtCommand.commandLine(runner), args);
    }

    private List<String> conn(String... more) {
        List<String> a = new ArrayList<>(List.of("--engine", engine.url(), "--user", EngineServer.USER,
                "--password-file", pw.toString(), "--ca-file", ca.toString()));
        a.addAll(List.of(more));
        return a;
    }

    private String[] args(String sub, List<String> rest, String... first) {
        List<String> a = new ArrayList<>();
        a.add(sub);
        a.addAll(List.of(first));
        a.addAll(rest);
        return a.toArray(String[]::new);
    }

    @Test
    void checkShowsTheProductVersion() {
        Result r = ovirt(args("check", conn()));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("oVirt Engine 4.5.7-1.el9").contains("storage domain data1");
    }

    @Test
    void uploadThenDownloadWithJsonGiveTheSameBytes() throws Exception {
        Path src = TestImages.sparse(dir, "vm.raw", 20L * MIB, 2, MIB, 41);
        Result up = ovirt(args("upload", conn("--storage-domain", "data1", "--disk-name", "vm1", "--json"), src.toString()));
        assertThat(up.exit()).as(up.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(up.out());
        assertThat(j.path("phase").asText()).isEqualTo("finished_success");
        assertThat(j.path("attributes").path("disk_name").asText()).isEqualTo("vm1");
        String diskId = j.path("attributes").path("disk_id").asText();

        Path out = dir.resolve("vm-back.raw");
        Result down = ovirt(args("download", conn(), diskId, out.toString()));
        assertThat(down.exit()).as(down.err()).isZero();
        assertThat(down.out()).contains("download finished_success");
        assertThat(TestImages.sameBytes(src, out)).isTrue();
    }

    @Test
    void aQcow2WithABackingFileFailsWithAClearMessage() throws Exception {
        Path src = TestImages.qcow2(dir, "overlay.qcow2", 1L << 30, 512, 42);
        Result r = ovirt(args("upload", conn("--storage-domain", "data1"), src.toString()));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("backing file").contains("qemu-img convert");
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        Result r = ovirt("upload", "x.raw", "--engine", engine.url());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--user").contains("--storage-domain");
    }

    @Test
    void caShowsTheFingerprintAndSavesOnlyWhenItIsConfirmed() throws Exception {
        Path saved = dir.resolve("engine-ca.pem");
        String pki = engine.pkiBase() + "services/pki-resource?resource=ca-certificate&format=X509-PEM-CA";
        Result wrong = ovirt("ca", "--engine", engine.url(), "--pki-url", pki, "--save", saved.toString(),
                "--fingerprint", "00:11");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.out()).contains("SHA-256 fingerprint: 33:80:C3").contains("signed by this CA");
        assertThat(saved).doesNotExist();

        String fp = wrong.out().lines().filter(l -> l.startsWith("SHA-256")).findFirst().orElseThrow().split(": ")[1];
        Result ok = ovirt("ca", "--engine", engine.url(), "--pki-url", pki, "--save", saved.toString(), "--fingerprint", fp);
        assertThat(ok.exit()).isZero();
        assertThat(Files.readString(saved)).isEqualTo(Files.readString(ca));
    }

    @Test
    void imageioUploadAndDownloadNeverPrintTheTicket() throws Exception {
        try (ImageioServer s = ImageioServer.http()) {
            Path src = TestImages.dense(dir, "plain.raw", 6 * MIB, 43);
            String ticket = UUID.randomUUID().toString();
            String url = s.addTicket(ticket, Files.createTempFile(dir, "t", ".img"), Files.size(src),
                    Set.of("read", "write"), Duration.ofMinutes(5));
            Result up = run(ImageioCommand.commandLine(runner), "upload", src.toString(), url, "--json");
            assertThat(up.exit()).as(up.err()).isZero();
            assertThat(up.out() + up.err()).doesNotContain(ticket).contains("/images/***");

            Path out = dir.resolve("plain-back.raw");
            Result down = run(ImageioCommand.commandLine(runner), "download", url, out.toString());
            assertThat(down.exit()).as(down.err()).isZero();
            assertThat(down.out() + down.err()).doesNotContain(ticket);
            assertThat(TestImages.sameBytes(src, out)).isTrue();
        }
    }
}
