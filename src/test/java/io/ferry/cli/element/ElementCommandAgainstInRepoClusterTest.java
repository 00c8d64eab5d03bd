package io.ferry.cli.element;

import static io.ferry.provider.element.FakeElementCluster.frames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cli.remote.ConsoleTransferContext;
import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.element.ElementClient;
import io.ferry.provider.element.ElementOptions;
import io.ferry.provider.element.ElementProfile;
import io.ferry.provider.element.ElementProvider;
import io.ferry.provider.element.FakeElementCluster.Frame;
import io.ferry.provider.element.FakeElementCluster;
import io.ferry.provider.element.PinnedCertificateTrust;
import io.ferry.provider.remote.TestCertificates;
import io.ferry.testing.FaultProxy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ferry element …} run as the operator would, against the in-repo cluster over pinned TLS on 127.0.0.1. */
class ElementCommandAgainstInRepoClusterTest {
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestCertificates certs;
    static String pin;
    MockWebServer server;
    FakeElementCluster cluster;
    StringWriter out;
    StringWriter err;

    @BeforeAll
    static void certificate() throws Exception {
        certs = TestCertificates.shared();
        pin = PinnedCertificateTrust.fingerprint(certs.certificate);
    }

    @BeforeEach
    void start() throws Exception {
        cluster = new FakeElementCluster("12.3", "admin", "s3cret", Set.of(5L));
        server = new MockWebServer();
        server.useHttps(certs.serverSocketFactory);
        server.setDispatcher(cluster);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String endpoint() {
        return "https://127.0.0.1:" + server.getPort();
    }

    int raw(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = new CommandLine(new ElementCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", endpoint(), "--api-version", "auto", "--user", "admin", "--password=s3cret", "--pin", pin));
        return raw(all.toArray(String[]::new));
    }

    List<JsonNode> jsonLines() throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String line : out.toString().split("\\R")) {
            if (!line.isBlank()) {
                l.add(M.readTree(line));
            }
        }
        return l;
    }

    @Test
    void withoutAPinNothingIsSentAndTheOperatorIsShownWhatToConfirm() {
        int rc = raw("bulk-jobs", "list", "--endpoint", endpoint(), "--user", "admin", "--password=s3cret");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("no certificate pinned").contains(pin).contains("rerun with --pin " + pin);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void fingerprintShowsTheCertificate() {
        assertThat(raw("fingerprint", "--endpoint", endpoint())).isZero();
        assertThat(out.toString()).contains("SHA-256   " + pin).contains("CN=10.10.23.47");
    }

    @Test
    void listShowsRunningJobsWithTheirPhase() throws Exception {
        cluster.addJob("k-list", "read", 5, frames(new Frame("running", 42, 100, 140)), FakeElementCluster.success());
        assertThat(run("bulk-jobs", "list")).isZero();
        assertThat(out.toString()).contains("k-list").contains("running").contains("transferring").contains("42%").contains("140s");
        cluster.addJob("k-json", "write", 5, frames(new Frame("preparing", 0, 1, 9)), FakeElementCluster.success());
        assertThat(run("bulk-jobs", "list", "--json")).isZero();
        JsonNode rows = jsonLines().getFirst();
        assertThat(rows.findValuesAsText("key")).contains("k-json");
    }

    @Test
    void startReadWithWatchFollowsTheJobToTheEnd() throws Exception {
        cluster.scriptNextJob(frames(new Frame("preparing", 0, 0, 9), new Frame("running", 50, 5, 5)), FakeElementCluster.success());
        Path params = Files.writeString(dir.resolve("params.json"), "{\"write\": {\"bucket\": \"b\", \"awsSecretAccessKey\": \"x\"}}");
        int rc = run("bulk-jobs", "start-read", "--volume-id", "5", "--script", "bv_internal.py", "--script-parameters-file", params.toString(),
                "--watch", "--json", "--interval", "0.05");
        assertThat(rc).as(err.toString()).isZero();
        List<JsonNode> lines = jsonLines();
        assertThat(lines).extracting(n -> n.path("phase").asText())
                .containsExactly("initializing", "transferring", "finished_success", "finished_success");
        assertThat(lines.getLast().path("message").asText()).isEqualTo("Bulk volume job succeeded");
        assertThat(cluster.calls("StartBulkVolumeRead").getFirst().path("params").path("scriptParameters").path("write").path("bucket").asText())
                .isEqualTo("b");
    }

    /**
     * Issue 7 §4 canary, CLI: the S3 secret key in the script parameters reaches the cluster and appears nowhere in
     * what the command prints (--json lines, errors), neither when the job runs nor when the parameters are not
     * a JSON object; the provider got them beside the transfer, not in its options.
     */
    @Test
    void theScriptParametersSecretKeyReachesTheClusterAndIsNeverPrinted() throws Exception {
        String canary = "Canary-S3secret-cli-51f0a2";
        cluster.scriptNextJob(frames(new Frame("running", 50, 5, 5)), FakeElementCluster.success());
        Path params = Files.writeString(dir.resolve("canary-params.json"),
                "{\"write\": {\"bucket\": \"b\", \"awsSecretAccessKey\": \"" + canary + "\"}}");
        int rc = run("bulk-jobs", "start-read", "--volume-id", "5", "--script", "bv_internal.py", "--script-parameters-file",
                params.toString(), "--watch", "--json", "--interval", "0.05");

        assertThat(rc).as(err.toString()).isZero();
        assertThat(cluster.calls("StartBulkVolumeRead").getFirst().path("params").path("scriptParameters").path("write")
                .path("awsSecretAccessKey").asText()).isEqualTo(canary);
        assertThat(out.toString() + err.toString()).as("--json output and errors").doesNotContain(canary);

        Path broken = Files.writeString(dir.resolve("broken-params.json"), "{\"awsSecretAccessKey\": \"" + canary + "\"");
        for (List<String> extra : List.of(List.<String>of(), List.of("--watch", "--json", "--interval", "0.05"))) {
            List<String> args = new ArrayList<>(List.of("bulk-jobs", "start-read", "--volume-id", "5", "--script", "bv_internal.py",
                    "--script-parameters-file", broken.toString()));
            args.addAll(extra);
            rc = run(args.toArray(String[]::new));
            assertThat(rc).as("parameters that are not a JSON object " + extra).isNotZero();
            assertThat(err.toString()).as("the error names the problem").contains("scriptParameters must be a JSON object");
            assertThat(out.toString() + err.toString()).as("output and error " + extra).doesNotContain(canary);
        }
        assertThat(cluster.calls("StartBulkVolumeRead")).as("nothing started with broken parameters").hasSize(1);
    }

    @Test
    void aStartWhoseAnswerIsLostIsFoundByItsMarkerAndPrintedWithItsKey() throws Exception {
        // the cluster behind a proxy that holds back the start's answer until the CLI's 1 s timeout
        FakeElementCluster behind = new FakeElementCluster("12.3", "admin", "s3cret", Set.of(5L));
        try (MockWebServer plain = new MockWebServer()) {
            plain.setDispatcher(behind);
            plain.start(InetAddress.getByName("127.0.0.1"), 0);
            try (FaultProxy proxy = new FaultProxy(plain.getPort(), certs.serverSocketFactory)) {
                proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)),
                        1, r -> r.method().equals("POST") && r.target().startsWith("/json-rpc/"));
                int rc = raw("bulk-jobs", "start-write", "--volume-id", "5", "--json", "--endpoint", "https://127.0.0.1:" + proxy.port(),
                        "--api-version", "12.3", "--user", "admin", "--password=s3cret", "--pin", pin, "--timeout", "1");

                assertThat(rc).as(err.toString()).isZero();
                assertThat(proxy.injected(FaultProxy.Stall.class)).isEqualTo(1);
            }
        }
        JsonNode j = jsonLines().getFirst();
        assertThat(behind.calls("StartBulkVolumeWrite")).hasSize(1);
        assertThat(behind.jobCount()).isEqualTo(1);
        String marker = behind.calls("StartBulkVolumeWrite").getFirst().path("params").path("attributes")
                .path(ElementOptions.MARKER_ATTRIBUTE).asText();
        assertThat(marker).isNotBlank();
        assertThat(j.path("foundByMarker").asBoolean()).isTrue();
        assertThat(j.path("key").asText()).isNotBlank();
        assertThat(j.path("lostAnswer").asText()).contains("StartBulkVolumeWrite for volume 5 got no answer", marker);
    }

    @Test
    void startWriteWithoutWatchPrintsKeyHandleAndUrl() throws Exception {
        assertThat(run("bulk-jobs", "start-write", "--volume-id", "5", "--json")).isZero();
        JsonNode j = jsonLines().getFirst();
        assertThat(j.path("key").asText()).isNotEmpty();
        assertThat(j.path("url").asText()).isEqualTo("https://10.10.23.47:8443/");
    }

    @Test
    void updateReportsTheStatusWithPercentAsAString() throws Exception {
        cluster.addJob("k-up", "write", 5, frames(new Frame("running", 10, 1, 1)), FakeElementCluster.success());
        assertThat(run("bulk-jobs", "update", "k-up", "--status", "complete", "--percent", "100", "--message", "done", "--json")).isZero();
        assertThat(jsonLines().getFirst().path("phase").asText()).isEqualTo("finished_success");
        JsonNode p = cluster.calls("UpdateBulkVolumeStatus").getFirst().path("params");
        assertThat(p.path("percentComplete").isTextual()).isTrue();
        assertThat(p.path("percentComplete").asText()).isEqualTo("100");
    }

    @Test
    void autoAsksGetApiAtTheOldestBulkVersionThenUsesTheClustersCurrentOne() {
        assertThat(run("bulk-jobs", "list")).isZero();
        assertThat(cluster.calls("GetAPI")).singleElement()
                .satisfies(c -> assertThat(c.path("_path").asText()).isEqualTo("/json-rpc/9.6"));
        assertThat(cluster.calls("ListBulkVolumeJobs")).singleElement()
                .satisfies(c -> assertThat(c.path("_path").asText()).isEqualTo("/json-rpc/12.3"));
    }

    @Test
    void aMissingVolumeIsOneClearLineWithTheClustersMessage() {
        assertThat(run("bulk-jobs", "start-read", "--volume-id", "77")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("ferry: NOT_FOUND: VolumeID 77 does not exist.").contains("xVolumeIDDoesNotExist");
    }

    @Test
    void startReadToAFileDownloadsTheVolumeWithProgressLinesAndReportsComplete() throws Exception {
        byte[] data = new byte[2 * 1024 * 1024 + 77];
        new java.util.Random(3).nextBytes(data);
        cluster.volumeData(5, data);
        cluster.serveDataAt("https://127.0.0.1:" + server.getPort() + "/bulk/");
        Path target = dir.resolve("vol5-cli.raw");
        int rc = run("bulk-jobs", "start-read", "--volume-id", "5", "--format", "uncompressed", "--to", target.toString(),
                "--json", "--interval", "0.05");
        assertThat(rc).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        List<JsonNode> lines = jsonLines();
        assertThat(lines.getLast().path("phase").asText()).isEqualTo("finished_success");
        assertThat(lines).filteredOn(n -> n.path("phase").asText().equals("transferring") && n.has("bytesDone"))
                .extracting(n -> n.path("bytesDone").asLong()).hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertThat(cluster.calls("StartBulkVolumeRead").getFirst().path("params").has("script")).isFalse();
        assertThat(cluster.calls("UpdateBulkVolumeStatus").getLast().path("params").path("status").asText()).isEqualTo("complete");
    }

    @Test
    void startWriteFromAFileUploadsItAndAScriptWithAFileIsRefused() throws Exception {
        byte[] data = new byte[1024 * 1024 + 5];
        new java.util.Random(4).nextBytes(data);
        Path source = Files.write(dir.resolve("restore-cli.raw"), data);
        cluster.serveDataAt("https://127.0.0.1:" + server.getPort() + "/bulk/");
        assertThat(run("bulk-jobs", "start-write", "--volume-id", "5", "--from", source.toString(), "--interval", "0.05"))
                .as(err.toString()).isZero();
        assertThat(cluster.volumeData(5)).isEqualTo(data);
        assertThat(out.toString()).contains("finalizing_success").contains("result: finished_success");

        assertThat(run("bulk-jobs", "start-write", "--volume-id", "5", "--from", source.toString(), "--script", "bv_internal.py"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("not both");
        assertThat(cluster.calls("StartBulkVolumeWrite")).hasSize(1);
    }

    @Test
    void aCancelFromTheConsoleWhileFerryMovesDataReportsFailedAndLeavesNoPartialFile() throws Exception {
        byte[] data = new byte[1024 * 1024];
        new java.util.Random(5).nextBytes(data);
        cluster.volumeData(5, data);
        cluster.serveDataAt("https://127.0.0.1:" + server.getPort() + "/bulk/");
        Path target = dir.resolve("vol5-ctrl-c.raw");
        ElementClient client = new ElementClient(
                new ElementProfile(endpoint(), "12.3", "admin", "s3cret", pin, Duration.ofSeconds(10)));
        Transfer t = Transfer.create("ctrl-c", "element", Direction.DOWNLOAD,
                "volume 5", "volume 5", target.toString(), Map.of(ElementOptions.VOLUME_ID, "5",
                        ElementOptions.FILE, target.toString()), Instant.now());
        StringWriter console = new StringWriter();
        ConsoleTransferContext ctx = new ConsoleTransferContext(t, new PrintWriter(console),
                false, M, Clock.systemUTC());
        ctx.requestCancel(); // as the Ctrl-C hook does

        assertThatThrownBy(() -> new ElementProvider(x -> client,
                Duration.ofMillis(50)).run(ctx)).isInstanceOf(TransferStopped.class);

        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling(target.getFileName() + ".part")).doesNotExist();
        JsonNode last = cluster.calls("UpdateBulkVolumeStatus").getLast().path("params");
        assertThat(last.path("status").asText()).isEqualTo("failed");
        assertThat(last.path("message").asText()).isEqualTo("cancelled by the operator");
    }

    @Test
    void aBadStatusIsRefusedBeforeAnythingIsSent() {
        assertThat(run("bulk-jobs", "update", "k", "--status", "paused")).isEqualTo(2);
        assertThat(err.toString()).contains("running, complete or failed");
        assertThat(cluster.calls("UpdateBulkVolumeStatus")).isEmpty();
    }
}
