package io.ferry.provider.ims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.Direction;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.remote.MappedStatus;
import io.ferry.testing.PayloadFuzz;
import io.ferry.testing.PayloadFuzz.Case;
import io.ferry.testing.PayloadFuzz.Seed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * IMS answers mutated ({@link io.ferry.testing.PayloadMutator}) through what the provider's poll uses:
 * {@code ImsClient.readBody} (both error shapes, HTML pages, malformed JSON), {@link ImsJob#from} (jobs of both APIs,
 * sub_jobs_result, sub_jobs_list, results), {@link ImsJobMapper} onto the transfer with the breakdown entries of
 * failed jobs, the import/export answers' job_id and the IAM token answer. Each mutant is read (unknown statuses,
 * also of sub-jobs, are {@code unknown} with the raw text kept; percent within 0–100) or fails with a
 * {@link TransferException}. Seeds: the 14 examples of seed 004 and the other IMS examples in test resources; the IAM
 * token is the document's example with its trailing comma removed and a project scope added
 * ({@code iam-token-response-corrected.json}). Not jqwik: its maintainers ask AI agents not to use it.
 */
class ImsMutatedPayloadsTest {
    private static final String URL = "https://ims.eu-de.otc.t-systems.com/v1/p/jobs/j";
    private static final int PER_SEED = 60;

    @TestFactory
    Stream<DynamicTest> mutatedImsAnswersParseOrFailClearly() {
        List<Case> cases = new ArrayList<>();
        for (String f : List.of("01-imsCreateImageByInstance", "02-imsImportImageJob", "03-imsImportOvaImageJob",
                "04-imsVolumeCreateImageJob", "05-imsImportDataImageJob", "06-imsCreateWholeImageByInstanceJob",
                "07-imsCreateWholeImageByBackupJob", "08-imsNativeImportImageJob", "09-imsNativeExportImageJob",
                "10-imsAddImageMembersJob", "11-imsDelImageMembersJob", "12-imsUpdateImageMembersJob",
                "13-imsCopyImageInRegionJob", "14-imsVolumesToSysDataImagesJob")) {
            cases.add(new Case(Seed.resource("/ims/seed004/" + f + ".json"), ImsMutatedPayloadsTest::job));
        }
        for (String f : List.of("otc-progress-corrected-running.json", "otc-old-job-non-iso-times.json",
                "synthetic-fail-import.json")) {
            cases.add(new Case(Seed.resource("/ims/" + f), ImsMutatedPayloadsTest::job));
        }
        cases.add(new Case(Seed.resource("/ims/import-response-doc.json"), ImsMutatedPayloadsTest::started));
        cases.add(new Case(Seed.resource("/ims/export-response-doc.json"), ImsMutatedPayloadsTest::started));
        cases.add(new Case(Seed.resource("/ims/ims-error-img0024.json"), ImsMutatedPayloadsTest::errorBody));
        cases.add(new Case(Seed.resource("/ims/apigw-error-0301.json"), ImsMutatedPayloadsTest::errorBody));
        cases.add(new Case(Seed.resource("/ims/iam-token-response-corrected.json"), ImsMutatedPayloadsTest::token));
        return PayloadFuzz.tests("IMS", cases, PER_SEED, 1000,
                new PayloadFuzz.ClearError<>(TransferException.class, ImsMutatedPayloadsTest::unclear));
    }

    static String unclear(TransferException e) {
        if (e.code() == null || e.getMessage() == null || e.getMessage().isBlank()) {
            return "no code or message";
        }
        return e.getMessage().contains("com.fasterxml") ? "names Jackson's classes instead of the problem" : null;
    }

    /** A job query (either API) put on a transfer, with the breakdown entries of a failed job. */
    static void job(String body) throws TransferException {
        JsonNode n = ImsClient.readBody(200, "application/json", body, URL);
        ImsJob job = ImsJob.from(n);
        Transfer t = ImsJobMapper.apply(
                Transfer.create("t1", ImsProvider.ID, Direction.WATCH, "", "", "", Map.of(), Instant.EPOCH), job);
        status(ImsStatusMapping.map(job.status()), n.get("status"));
        if (ImsStatusMapping.map(job.status()).phase() == TransferPhase.FINISHED_FAILURE) {
            assertThat(ImsJobMapper.errors(job, URL)).as("a failed job has a breakdown entry").isNotEmpty();
        }
        assertThat(t.percent()).as("percent").satisfiesAnyOf(
                p -> assertThat(p).isEqualTo(-1.0), p -> assertThat(p).isBetween(0.0, 100.0));
        JsonNode subs = n.path("entities").path("sub_jobs_result");
        for (SubJob s : t.subJobs()) {
            if (s.phase() == TransferPhase.UNKNOWN) {
                assertThat(s.nativeStatus()).as("sub-job raw status kept").isNotNull();
            }
        }
        if (subs.isArray()) {
            assertThat(t.subJobs().size()).as("one sub-job per sub_jobs_result entry at least").isGreaterThanOrEqualTo(subs.size());
        }
    }

    /** POST import / export: the job id, or a clear error when there is none. */
    static void started(String body) throws TransferException {
        String id = ImsClient.jobId(ImsClient.readBody(200, "application/json", body, URL), URL);
        assertThat(id).isNotBlank();
    }

    /** A 4xx/5xx answer: always an error naming the problem. */
    static void errorBody(String body) throws TransferException {
        for (int status : new int[] {400, 401, 403, 404, 429, 500, 503}) {
            try {
                ImsClient.readBody(status, "application/json", body, URL);
                throw new AssertionError("HTTP " + status + " was taken as an answer");
            } catch (TransferException e) {
                assertThat(unclear(e)).as("HTTP %d: %s", status, e).isNull();
            }
        }
        throw ImsClient.errorFor(400, body, URL, new ObjectMapper());
    }

    /** IAM's token answer (201 with X-Subject-Token). */
    static void token(String body) throws TransferException {
        IamTokenSource.Token t = IamTokenSource.readToken(201, body, "MIIT-token", URL, "", new ObjectMapper());
        assertThat(t.projectId()).isNotBlank();
    }

    private static void status(MappedStatus m, JsonNode wire) {
        if (!m.known()) {
            assertThat(m.phase()).isEqualTo(TransferPhase.UNKNOWN);
            String raw = wire == null || wire.isNull() ? "" : wire.isValueNode() ? wire.asText() : wire.toString();
            assertThat(m.raw()).as("raw status kept").isEqualTo(raw);
        }
    }
}
