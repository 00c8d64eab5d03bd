package io.ferry.provider.ims;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of seed 004's 14 example responses, verbatim, served by a local HTTP server on 127.0.0.1 at
 * {@code GET /v1/{project_id}/jobs/{job_id}} behind an IAM token, read by the client and mapped onto a Transfer.
 */
class ImsSeed004ExamplesOverHttpTest {
    static final String PROJECT = "ac234de25c6741d2b1273da49eea1b9e";
    MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String resource(String path) throws IOException {
        try (InputStream in = ImsSeed004ExamplesOverHttpTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** file, job id, job type, begin, end, image id, image name, sub-jobs as "id type phase native image_id". */
    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("01-imsCreateImageByInstance.json", "9a175ac792fa12d20193002100dd2762", "imsCreateImageByInstance",
                        "2024-11-06T06:19:43.195Z", "2024-11-06T06:23:25.158Z", "3f7185de-b59a-4bb8-aa1d-7a513528b0e9", "test", List.of()),
                Arguments.of("02-imsImportImageJob.json", "9a175ac892fa1342019300224f22218e", "imsImportImageJob",
                        "2024-11-06T06:21:08.769Z", "2024-11-06T06:27:03.742Z", "431df7fd-a898-4dc0-86b1-22cfefb8a517", "test", List.of()),
                Arguments.of("03-imsImportOvaImageJob.json", "9a175ac892fa13420193006a49173317", "imsImportOvaImageJob",
                        "2024-11-06T07:39:45.814Z", "2024-11-06T07:49:45.814Z", null, null,
                        List.of("9a175ac892fa13420193006c29e133f0 imsImportImageJob FINISHED_SUCCESS SUCCESS fc496c19-40c2-4220-8b1a-eba9d53fca7b")),
                Arguments.of("04-imsVolumeCreateImageJob.json", "9a175ac692fa125401930037d9e329aa", "imsVolumeCreateImageJob",
                        "2024-11-06T06:44:40.545Z", "2024-11-06T06:47:40.545Z", "21b04ab5-e817-40ee-8d56-7ccdb8820335", "test", List.of()),
                Arguments.of("05-imsImportDataImageJob.json", "9a175ac692fa125401930027b9c026b3", "imsImportDataImageJob",
                        "2024-11-06T06:27:03.742Z", "2024-11-06T06:37:03.742Z", "aa5306f7-bc95-4fa3-aa40-dd38fbdf2031", "test", List.of()),
                Arguments.of("06-imsCreateWholeImageByInstanceJob.json", "9a175ac792fa12d201930028cddb29c6", "imsCreateWholeImageByInstanceJob",
                        "2024-11-06T06:28:14.425Z", "2024-11-06T06:37:03.742Z", "17b7bdeb-2e72-43a0-a202-d36ce344e902", "test", List.of()),
                Arguments.of("07-imsCreateWholeImageByBackupJob.json", "9a175ac892fa13420193002961972392", "imsCreateWholeImageByBackupJob",
                        "2024-11-06T06:28:52.245Z", "2024-11-06T06:28:58.399Z", "ea0d5dce-ddb2-4f6f-83e3-55da065347fd", "test", List.of()),
                Arguments.of("08-imsNativeImportImageJob.json", "9a175ac692fa12540193005389023059", "imsNativeImportImageJob",
                        "2024-11-06T07:14:54.848Z", "2024-11-06T07:19:54.848Z", "af8ea1dc-02f2-4019-8fa9-c9952a0077ce", null, List.of()),
                Arguments.of("09-imsNativeExportImageJob.json", "9a175ac892fa134201930039db1a27b1", "imsNativeExportImageJob",
                        "2024-11-06T06:46:51.929Z", "2024-11-06T06:49:53.657Z", "1ab4df10-fe18-48b7-91c9-53695fcd9df5", null, List.of()),
                Arguments.of("10-imsAddImageMembersJob.json", "9a175ac692fa12540193002a6d4b2720", "imsAddImageMembersJob",
                        "2024-11-06T06:30:00.778Z", "2024-11-06T06:30:03.179Z", null, null,
                        List.of("30e55148-deb9-4923-adb9-91618de16ba0 imageMember FINISHED_SUCCESS success 30e55148-deb9-4923-adb9-91618de16ba0")),
                Arguments.of("11-imsDelImageMembersJob.json", "9a175ac792fa12d20193002da96f2ac2", "imsDelImageMembersJob",
                        "2024-11-06T06:33:32.781Z", "2024-11-06T06:33:34.181Z", null, null, List.of()),
                Arguments.of("12-imsUpdateImageMembersJob.json", "9a175ac692fa12540193005c340f321c", "imsUpdateImageMembersJob",
                        "2024-11-06T07:24:22.925Z", "2024-11-06T07:24:23.773Z", null, null,
                        List.of("6596628c-42d4-4ff1-8660-8ea5ae61f243 imageMember FINISHED_SUCCESS success 6596628c-42d4-4ff1-8660-8ea5ae61f243")),
                Arguments.of("13-imsCopyImageInRegionJob.json", "9a175ac892fa13420193001c2e62205a", "imsCopyImageInRegionJob",
                        "2024-11-06T06:14:27.168Z", "2024-11-06T06:16:38.446Z", "30e55148-deb9-4923-adb9-91618de16ba0", "test", List.of()),
                Arguments.of("14-imsVolumesToSysDataImagesJob.json", "9a175ac792fa12d201930031febf2bdd", "imsVolumesToSysDataImagesJob",
                        "2024-11-06T06:38:16.765Z", "2024-11-06T06:48:16.765Z", null, null,
                        List.of("9a175ac792fa12d20193003205b22be1 imsCopyVolumeToImageJob FINISHED_SUCCESS SUCCESS bfb2de92-e7b9-4820-9522-416d8f2c812a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theExampleIsReadOverHttpAndMapped(String file, String jobId, String jobType, String begin, String end,
            String imageId, String imageName, List<String> subJobs) throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).addHeader("X-Subject-Token", "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXX")
                .addHeader("Content-Type", "application/json")
                .body("{\"token\": {\"expires_at\": \"2099-01-01T00:00:00.000000Z\", \"project\": {\"id\": \"" + PROJECT + "\", \"name\": \"eu-de\"}}}").build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(resource("/ims/seed004/" + file)).build());
        ImsProfile profile = ImsProfile.forRegion("eu-de", "domain A", "user A", "pw", "eu-de")
                .withEndpoints(server.url("/v3").toString(), server.url("/").toString());
        ImsClient client = new ImsClient(profile, new OkHttpClient(), Clock.systemUTC());

        ImsJob job = client.getJob(jobId, ImsJobApi.JOBS);

        RecordedRequest token = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(token.getUrl().encodedPath()).isEqualTo("/v3/auth/tokens");
        RecordedRequest get = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(get.getMethod()).isEqualTo("GET");
        assertThat(get.getUrl().encodedPath()).isEqualTo("/v1/" + PROJECT + "/jobs/" + jobId);
        assertThat(get.getHeaders().get("X-Auth-Token")).isEqualTo("MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXX");

        Transfer t = ImsJobMapper.apply(Transfer.create("t", "ims", Direction.WATCH, jobId, "", "", Map.of(),
                Instant.parse("2026-11-23T12:00:00Z")), job);
        assertThat(ImsStatusMapping.map(job.status()).phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
        assertThat(t.nativeStatus()).isEqualTo("SUCCESS");
        assertThat(t.progressPercent()).isEqualTo(100.0);
        assertThat(t.attributes()).containsEntry("job_id", jobId).containsEntry("job_type", jobType);
        if (imageId == null) {
            assertThat(t.attributes()).doesNotContainKey("image_id");
        } else {
            assertThat(t.attributes()).containsEntry("image_id", imageId);
        }
        if (imageName == null) {
            assertThat(t.attributes()).doesNotContainKey("image_name");
        } else {
            assertThat(t.attributes()).containsEntry("image_name", imageName);
        }
        assertThat(t.started()).isEqualTo(Instant.parse(begin));
        assertThat(t.ended()).isEqualTo(Instant.parse(end));
        assertThat(t.message()).isEmpty();
        assertThat(ImsJobMapper.errors(job, "u")).isEmpty();
        assertThat(t.subJobs()).extracting(ImsSeed004ExamplesOverHttpTest::describe).containsExactlyElementsOf(subJobs);
    }

    static String describe(SubJob s) {
        return s.id() + " " + s.type() + " " + s.phase().name() + " " + s.nativeStatus() + " " + s.attributes().get("image_id");
    }
}
