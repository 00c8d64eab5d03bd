package io.ferry.cli.ims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.provider.ims.FakeIms;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ferry ims …} run as the operator would, against the in-repo IAM + IMS on 127.0.0.1. */
class ImsCommandAgainstInRepoImsTest {
    static final ObjectMapper M = new ObjectMapper();
    MockWebServer server;
    FakeIms ims;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void start() throws Exception {
        ims = new FakeIms("domain A", "user A", "pa55");
        server = new MockWebServer();
        server.setDispatcher(ims);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--region", "eu-de", "--domain", "domain A", "--user", "user A", "--password=pa55",
                "--endpoint", server.url("/").toString(), "--iam-endpoint", server.url("/v3").toString()));
        CommandLine cl = new CommandLine(new ImsCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(all.toArray(String[]::new));
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
    void jobsGetShowsAJobWithItsSubJobsAsJson() throws Exception {
        ims.addJob("ova-1", "imsImportOvaImageJob", "{\"status\": \"SUCCESS\", \"entities\": {\"sub_jobs_result\": [{\"job_id\": \"s1\","
                + " \"job_type\": \"imsImportImageJob\", \"status\": \"SUCCESS\", \"entities\": {\"image_id\": \"img-9\"}}], \"sub_jobs_list\": [\"s1\"]}}");
        assertThat(run("jobs", "get", "ova-1", "--json")).isZero();
        JsonNode j = jsonLines().getFirst();
        assertThat(j.path("phase").asText()).isEqualTo("finished_success");
        assertThat(j.path("nativeStatus").asText()).isEqualTo("SUCCESS");
        assertThat(j.path("attributes").path("job_type").asText()).isEqualTo("imsImportOvaImageJob");
        assertThat(j.path("subJobs").get(0).path("attributes").path("image_id").asText()).isEqualTo("img-9");
        assertThat(j.path("subJobs").get(0).path("phase").asText()).isEqualTo("finished_success");
    }

    @Test
    void jobsGetInTextNamesStatusPhaseAndError() {
        ims.addJob("bad-1", "imsImportImageJob", "{\"status\": \"FAIL\", \"error_code\": \"IMG.0057\", \"fail_reason\": \"file not found\", \"entities\": {}}");
        assertThat(run("jobs", "get", "bad-1")).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL  → finished_failure").contains("IMG.0057: file not found");
    }

    @Test
    void jobsWatchPrintsEachChangeAndEndsWithTheResult() {
        ims.addJob("w-1", "imsCopyImageInRegionJob", "{\"status\": \"INIT\", \"entities\": {}}",
                "{\"status\": \"RUNNING\", \"entities\": {\"process_percent\": 0.5}}",
                "{\"status\": \"SUCCESS\", \"entities\": {\"image_id\": \"img-7\"}}");
        assertThat(run("jobs", "watch", "w-1", "--interval", "0.05", "--api", "progress")).isZero();
        String text = out.toString();
        assertThat(text).contains("initializing").contains("transferring").contains("50%").contains("finished_success");
        assertThat(text).contains("result: finished_success, image img-7");
    }

    @Test
    void importWithWatchAndJsonPrintsOneObjectPerChangeThenTheSummary() throws Exception {
        ims.scriptNextJob("{\"status\": \"RUNNING\", \"entities\": {\"process_percent\": 0.2}}",
                "{\"status\": \"SUCCESS\", \"entities\": {\"image_id\": \"img-1\", \"image_name\": \"web\"}}");
        int rc = run("import", "--name", "web", "--image-url", "ims-image:web.qcow2", "--min-disk", "40", "--tag", "env.prod",
                "--watch", "--json", "--interval", "0.05", "--api", "progress");
        assertThat(rc).as(err.toString()).isZero();
        List<JsonNode> lines = jsonLines();
        assertThat(lines).extracting(n -> n.path("phase").asText()).containsExactly("transferring", "finished_success", "finished_success");
        assertThat(lines.getFirst().path("percent").asDouble()).isEqualTo(20.0);
        JsonNode summary = lines.getLast();
        assertThat(summary.path("attributes").path("image_id").asText()).isEqualTo("img-1");
        assertThat(summary.path("errorBreakdowns").isArray()).isTrue();
    }

    @Test
    void exportStartsTheJobAndPrintsItsId() throws Exception {
        assertThat(run("export", "d164b5df-1bc3-4c3f-893e-3e471fd16e64", "--bucket-url", "ims-image:c.qcow2", "--file-format", "qcow2", "--json")).isZero();
        assertThat(jsonLines().getFirst().path("job_id").asText()).startsWith("ff8080814dbd65d7014dbe0d84db");
    }

    @Test
    void aFailedExportWatchedWithJsonEndsWithTheBreakdownAndExitCode1() throws Exception {
        ims.scriptNextJob("{\"status\": \"FAIL\", \"error_code\": \"IMG.0070\", \"fail_reason\": \"The file already exists in the bucket.\", \"entities\": {}}");
        assertThat(run("export", "d164b5df-1bc3-4c3f-893e-3e471fd16e64", "--bucket-url", "ims-image:c.qcow2", "--file-format", "vmdk",
                "--watch", "--json", "--interval", "0.05")).isEqualTo(1);
        JsonNode summary = jsonLines().getLast();
        assertThat(summary.path("phase").asText()).isEqualTo("finished_failure");
        JsonNode b = summary.path("errorBreakdowns").get(0);
        assertThat(b.path("errorCode").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(b.path("errorCount").asText()).isEqualTo("1");
        assertThat(b.path("errorLogEntries").get(0).path("errorDetails").get(0).asText()).isEqualTo("The file already exists in the bucket.");
    }

    @Test
    void wrongCredentialsAreOneClearLineAndExitCode2() {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = new CommandLine(new ImsCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute("jobs", "get", "j", "--domain", "domain A", "--user", "user A", "--password=wrong",
                "--endpoint", server.url("/").toString(), "--iam-endpoint", server.url("/").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().strip().lines()).singleElement().asString()
                .startsWith("ferry: UNAUTHENTICATED: IAM rejected user \"user A\"");
        assertThat(ims.count("POST", "/v3/auth/tokens")).isEqualTo(1);
    }

    @Test
    void aLoopbackEndpointAlsoServesIamSoCredentialsNeverLeaveTheMachine() throws Exception {
        ims.addJob("local-1", "imsImportImageJob", "{\"status\": \"SUCCESS\", \"entities\": {}}");
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = new CommandLine(new ImsCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute("jobs", "get", "local-1", "--json", "--domain", "domain A", "--user", "user A", "--password=pa55",
                "--endpoint", server.url("/").toString());
        assertThat(rc).as(err.toString()).isZero();
        assertThat(ims.count("POST", "/v3/auth/tokens")).isEqualTo(1);
        assertThat(jsonLines().getFirst().path("phase").asText()).isEqualTo("finished_success");
    }

    @Test
    void aBadImageUrlIsRefusedWithTheExpectedForm() {
        assertThat(run("import", "--name", "x", "--image-url", "x.qcow2", "--min-disk", "40")).isEqualTo(2);
        assertThat(err.toString()).contains("bucket:object");
        assertThat(ims.count("POST", "/v2/")).isZero();
    }
}
