package io.ferry.cli.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.provider.gcs.FakeStorageTransferServer;
import io.ferry.testing.FaultProxy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ferry gcs …} end to end over HTTP against the in-repo Storage Transfer server and token endpoint. */
class GcsCommandAgainstInRepoServerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    FakeStorageTransferServer sts;
    Path key;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void start() throws Exception {
        sts = new FakeStorageTransferServer();
        key = sts.writeServiceAccountKey(dir, "cli-proj");
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    int ferry(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        CommandLine cl = new CommandLine(new GcsCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cl.execute(all.toArray(String[]::new));
    }

    String[] conn(String... rest) {
        List<String> a = new ArrayList<>(List.of(rest));
        a.addAll(List.of("--endpoint", sts.endpoint().toString(), "--credentials", key.toString()));
        return a.toArray(String[]::new);
    }

    static Map<String, String> counters(long copied, long found) {
        return Map.of("bytesCopiedToSink", Long.toString(copied), "bytesFoundFromSource", Long.toString(found),
                "objectsCopiedToSink", "1", "objectsFoundFromSource", "4");
    }

    @Test
    void operationsListPrintsACompactTableWithTheProjectFromTheKeyFile() {
        var a = sts.addOperation("11", "cli-proj", List.of(counters(1288490189L, 3113851290L)));
        sts.addOperation("12", "cli-proj", List.of());
        sts.addOperation("13", "other", List.of());
        ferry(conn("operations", "get", a.name())); // QUEUED → now IN_PROGRESS with counters

        int code = ferry(conn("operations", "list"));

        assertThat(code).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).startsWith("NAME").contains("START (UTC)", "STATUS", "PHASE", "PROGRESS", "ERRORS", "JOB");
        assertThat(lines).hasSize(3);
        assertThat(out.toString())
                .contains("transferJobs-12-")
                .contains("IN_PROGRESS  transferring  41% (1.2 GiB of 2.9 GiB)")
                .contains("QUEUED       initializing  -")
                .doesNotContain("transferJobs-13-");
        String filter = sts.apiRequests().getLast().getUrl().queryParameter("filter");
        assertThat(filter).isEqualTo("{\"projectId\":\"cli-proj\"}");
    }

    @Test
    void operationsListJsonFiltersByJobAndStatus() throws Exception {
        sts.addOperation("21", "cli-proj", List.of());
        int code = ferry(conn("operations", "list", "--json", "--job-names", "21,22", "--statuses", "in_progress,failed", "--project", "cli-proj"));
        assertThat(code).isZero();
        assertThat(JSON.readTree(out.toString()).path("operations").size()).isZero();
        assertThat(sts.apiRequests().getLast().getUrl().queryParameter("filter")).isEqualTo(
                "{\"projectId\":\"cli-proj\",\"jobNames\":[\"transferJobs/21\",\"transferJobs/22\"],\"transferStatuses\":[\"IN_PROGRESS\",\"FAILED\"]}");
    }

    @Test
    void operationsGetJsonUsesSeed002ShapesForCountersAndBreakdowns() throws Exception {
        var op = sts.addOperation("31", "cli-proj", List.of(counters(5, 10)))
                .failsWith("PERMISSION_DENIED", "9007199254740993", "gs://b/secret", "403 Forbidden");
        ferry(conn("operations", "get", op.name()));
        ferry(conn("operations", "get", op.name()));

        int code = ferry(conn("operations", "get", "--json", GcsNamesForTest.bare(op.name())));

        assertThat(code).isZero();
        JsonNode j = JSON.readTree(out.toString());
        assertThat(j.path("status").asText()).isEqualTo("FAILED");
        assertThat(j.path("phase").asText()).isEqualTo("finished_failure");
        assertThat(j.path("done").asBoolean()).isTrue();
        assertThat(j.path("percent").asDouble()).isEqualTo(50.0);
        assertThat(j.path("counters").path("bytesFoundFromSource").asText()).isEqualTo("10");
        assertThat(j.path("counters").path("bytesFoundFromSource").isTextual()).isTrue();
        JsonNode eb = j.path("errorBreakdowns").get(0);
        assertThat(eb.path("errorCode").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(eb.path("errorCount").isTextual()).isTrue();
        assertThat(eb.path("errorCount").asText()).isEqualTo("9007199254740993");
        assertThat(eb.path("errorLogEntries").get(0).path("url").asText()).isEqualTo("gs://b/secret");
        assertThat(eb.path("errorLogEntries").get(0).path("errorDetails").get(0).asText()).isEqualTo("403 Forbidden");
    }

    @Test
    void operationsGetHumanShowsCountersAndSamples() {
        var op = sts.addOperation("32", "cli-proj", List.of(counters(5, 10))).failsWith("NOT_FOUND", "1", "https://x/y", "410 Gone");
        ferry(conn("operations", "get", op.name()));
        ferry(conn("operations", "get", op.name()));
        ferry(conn("operations", "get", op.name()));
        assertThat(out.toString())
                .contains("Status:           FAILED")
                .contains("Phase:            finished_failure")
                .contains("bytesFoundFromSource                     10 (10 B)")
                .contains("NOT_FOUND: 1")
                .contains("https://x/y")
                .contains("410 Gone");
    }

    @Test
    void pauseResumeAndCancelReportTheRequestAndRefusalsExitNonZero() {
        var op = sts.addOperation("41", "cli-proj", List.of(counters(1, 10), counters(2, 10), counters(3, 10)));
        assertThat(ferry(conn("operations", "pause", op.name()))).isEqualTo(1);
        assertThat(err.toString()).contains("FAILED_PRECONDITION").contains("not in progress; it is QUEUED");

        ferry(conn("operations", "get", op.name()));
        assertThat(ferry(conn("operations", "pause", op.name()))).isZero();
        assertThat(out.toString()).contains("Pause requested for " + op.name()).contains("SUSPENDING");
        ferry(conn("operations", "get", op.name()));
        ferry(conn("operations", "get", op.name()));
        assertThat(sts.operation(op.name()).status()).isEqualTo("PAUSED");
        assertThat(ferry(conn("operations", "resume", "--json", op.name()))).isZero();
        JsonNode resumed = readJson(out.toString());
        assertThat(resumed.path("name").asText()).isEqualTo(op.name());
        assertThat(resumed.path("action").asText()).isEqualTo("resume");
        assertThat(out.toString()).contains("\"action\":\"resume\"").contains("\"requested\":true");
        assertThat(ferry(conn("operations", "cancel", op.name()))).isZero();
        assertThat(out.toString()).contains("Cancel requested");
    }

    @Test
    void watchFollowsToSuccessWithPlainProgressLines() {
        var op = sts.addOperation("51", "cli-proj", List.of(counters(1024, 4096), counters(4096, 4096)));
        int code = ferry(conn("operations", "watch", op.name(), "--interval", "0"));
        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("Phase: initializing (QUEUED)")
                .contains("Phase: transferring (IN_PROGRESS)")
                .contains("IN_PROGRESS | 25% (1.0 KiB of 4.0 KiB) | objects 1 of 4 | errors 0")
                .contains("SUCCESS | 100% (4.0 KiB of 4.0 KiB)")
                .contains("ended finished_success (SUCCESS)");
    }

    @Test
    void watchOfAFailedOperationExitsOneAndPointsAtTheSamples() {
        var op = sts.addOperation("52", "cli-proj", List.of(counters(1, 4))).failsWith("NOT_FOUND", "3", "https://x", "gone");
        int code = ferry(conn("operations", "watch", op.name(), "--interval", "0"));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("ended finished_failure (FAILED)").contains("3 error(s)")
                .contains("ferry gcs operations get transferJobs-52-");
    }

    @Test
    void jobsListGetAndRunWithWatchJson() throws Exception {
        sts.addJob("61", "cli-proj");
        assertThat(ferry(conn("jobs", "list"))).isZero();
        assertThat(out.toString()).contains("NAME", "STATUS", "SOURCE", "DESTINATION").containsPattern("(?m)^61 +ENABLED +s3://src-61/ +gs://dst-61/ +-$");
        assertThat(ferry(conn("jobs", "get", "61"))).isZero();
        assertThat(out.toString()).contains("Job:              transferJobs/61").contains("nightly mirror 61");

        int code = ferry(conn("jobs", "run", "61", "--watch", "--json", "--interval", "0"));

        assertThat(code).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().strip().split("\n")) {
            events.add(JSON.readTree(line));
        }
        assertThat(events).extracting(e -> e.path("event").asText()).containsExactly("phase", "phase", "phase", "summary");
        assertThat(events).extracting(e -> e.path("status").asText()).containsExactly("QUEUED", "IN_PROGRESS", "SUCCESS", "SUCCESS");
        JsonNode summary = events.getLast();
        assertThat(summary.path("name").asText()).startsWith("transferOperations/transferJobs-61-");
        assertThat(summary.path("counters").path("bytesCopiedToSink").asText()).isEqualTo("3000");
        assertThat(summary.path("errorBreakdowns").isArray()).isTrue();
        assertThat(sts.runs()).isEqualTo(1);
    }

    @Test
    void jobsRunWithoutWatchPrintsTheNewOperation() {
        sts.addJob("62", "cli-proj");
        assertThat(ferry(conn("jobs", "run", "transferJobs/62"))).isZero();
        assertThat(out.toString()).contains("Started transferOperations/transferJobs-62-").contains("(QUEUED)")
                .contains("ferry gcs operations watch transferJobs-62-");
    }

    @Test
    void jobsRunWhoseAnswerIsLostPrintsTheOperationFoundAsTheJobsLatest() throws Exception {
        sts.addJob("63", "cli-proj");
        try (FaultProxy proxy = new FaultProxy(sts.endpoint().port())) {
            proxy.inject(FaultProxy.stall(Duration.ofSeconds(20)), 1, r -> r.method().equals("POST") && r.target().endsWith(":run"));

            int code = ferry("jobs", "run", "63", "--json", "--timeout", "1", "--credentials", key.toString(),
                    "--endpoint", sts.endpoint().newBuilder().port(proxy.port()).build().toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(proxy.injected(FaultProxy.Stall.class)).isEqualTo(1);
        }
        JsonNode j = JSON.readTree(out.toString());
        assertThat(sts.runs()).isEqualTo(1);
        assertThat(j.path("name").asText()).startsWith("transferOperations/transferJobs-63-");
        assertThat(j.path("foundAfterLostAnswer").asBoolean()).isTrue();
        assertThat(j.path("lostAnswer").asText()).contains("transferJobs.run got no answer", "found the run's operation");
    }

    @Test
    void badInputIsOneClearLineAndExitTwo() throws Exception {
        assertThat(ferry(conn("operations", "list", "--statuses", "queued"))).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("ferry gcs: cannot filter operations by status \"queued\"");

        assertThat(ferry("operations", "list", "--credentials", dir.resolve("missing.json").toString(), "--endpoint", sts.endpoint().toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("missing.json").contains("does not exist");

        assertThat(ferry("operations", "get", "x", "--endpoint", "not a url", "--credentials", key.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not an http(s) URL");

        Path token = Files.writeString(dir.resolve("token"), "ya29.revoked\n");
        assertThat(ferry("operations", "list", "--project", "p", "--access-token-file", token.toString(), "--endpoint", sts.endpoint().toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("UNAUTHENTICATED").contains("credentials: a fixed access token");
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(ferry("--help")).isZero();
        assertThat(out.toString()).contains("operations").contains("jobs");
        assertThat(ferry("operations", "--help")).isZero();
        assertThat(out.toString()).contains("list", "get", "pause", "resume", "cancel", "watch");
    }

    static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Names without the prefix, as an operator types them. */
    static final class GcsNamesForTest {
        static String bare(String name) {
            return io.ferry.provider.gcs.GcsNames.stripOperationPrefix(name);
        }
    }
}
