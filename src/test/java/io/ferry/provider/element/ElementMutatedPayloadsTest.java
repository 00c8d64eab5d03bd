package io.ferry.provider.element;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.remote.MappedStatus;
import io.ferry.testing.PayloadFuzz;
import io.ferry.testing.PayloadFuzz.Case;
import io.ferry.testing.PayloadFuzz.Seed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Element JSON-RPC answers mutated ({@link io.ferry.testing.PayloadMutator}) through what the provider's poll uses:
 * {@code ElementClient.readResult} (error objects, HTML, malformed JSON), then ListBulkVolumeJobs' jobs,
 * GetAsyncResult, StartBulkVolumeRead/Write and UpdateBulkVolumeStatus results, each put onto a transfer by
 * {@link ElementJobMapper} with its status mapped. Each mutant is read (unknown statuses {@code unknown} with the raw
 * text kept; ids and times exact or left out; bytes never negative or past the total) or fails with a
 * {@link TransferException} ({@link ElementRpcException} for error objects). Not jqwik: its maintainers ask AI
 * agents not to use it.
 */
class ElementMutatedPayloadsTest {
    private static final String URL = "https://10.0.0.1/json-rpc/12.3";
    private static final int PER_SEED = 150;

    @TestFactory
    Stream<DynamicTest> mutatedElementAnswersParseOrFailClearly() {
        List<Case> cases = List.of(
                new Case(Seed.resource("/element/e4-list-bulk-volume-jobs-response.json"), b -> listJobs(b)),
                new Case(Seed.resource("/element/e1-start-bulk-volume-read-response.json"), b -> started(b)),
                new Case(Seed.resource("/element/seed003-update-bulk-volume-status-response.json"), b -> updated(b)),
                new Case(Seed.resource("/element/e5-update-bulk-volume-status-read-response.json"), b -> updated(b)),
                new Case(Seed.resource("/element/e6-get-async-result-clone-success.json"), b -> asyncResult(b)),
                new Case(Seed.resource("/element/e6-get-async-result-task-failed.json"), b -> asyncResult(b)),
                new Case(Seed.resource("/element/e6-get-async-result-bad-handle.json"), b -> asyncResult(b)),
                new Case(Seed.resource("/element/e6-get-async-result-expired-handle.json"), b -> asyncResult(b)),
                new Case(Seed.resource("/element/e8-volume-not-found-synthetic.json"), b -> started(b)));
        return PayloadFuzz.tests("Element", cases, PER_SEED, 1000,
                new PayloadFuzz.ClearError<>(TransferException.class, ElementMutatedPayloadsTest::unclear));
    }

    static String unclear(TransferException e) {
        if (e.code() == null || e.getMessage() == null || e.getMessage().isBlank()) {
            return "no code or message";
        }
        return e.getMessage().contains("com.fasterxml") ? "names Jackson's classes instead of the problem" : null;
    }

    private static Transfer transfer() {
        return Transfer.create("t1", ElementProvider.ID, Direction.WATCH, "", "", "", Map.of(), Instant.EPOCH);
    }

    static void listJobs(String body) throws TransferException {
        JsonNode result = ElementClient.readResult(200, "application/json", body, URL, "ListBulkVolumeJobs");
        List<BulkVolumeJob> jobs = ElementClient.bulkVolumeJobs(result);
        int i = 0;
        for (JsonNode wire : result.path("bulkVolumeJobs")) {
            BulkVolumeJob job = jobs.get(i++);
            Transfer t = ElementJobMapper.apply(transfer(), job);
            status(ElementStatusMapping.map(job.status()), wire.get("status"));
            for (String id : List.of("bulkVolumeID", "srcVolumeID", "snapshotID", "elapsedTime", "remainingTime")) {
                long expected = exactLong(wire.get(id));
                assertThat(switch (id) {
                    case "bulkVolumeID" -> job.bulkVolumeID();
                    case "srcVolumeID" -> job.srcVolumeID();
                    case "snapshotID" -> job.snapshotID();
                    case "elapsedTime" -> job.elapsedTime();
                    default -> job.remainingTime();
                }).as(id + " exact or left out").isEqualTo(expected);
            }
            sane(t);
        }
    }

    static void started(String body) throws TransferException {
        JsonNode result = ElementClient.readResult(200, "application/json", body, URL, "StartBulkVolumeRead");
        StartedBulkVolumeJob s = StartedBulkVolumeJob.from(result);
        assertThat(s.asyncHandle()).as("asyncHandle exact or left out").isEqualTo(exactLong(result.get("asyncHandle")));
    }

    static void updated(String body) throws TransferException {
        JsonNode result = ElementClient.readResult(200, "application/json", body, URL, "UpdateBulkVolumeStatus");
        BulkVolumeStatus s = BulkVolumeStatus.from(result);
        Transfer t = ElementJobMapper.apply(transfer(), s);
        status(ElementStatusMapping.map(s.status()), result.get("status"));
        sane(t);
    }

    static void asyncResult(String body) throws TransferException {
        JsonNode result = ElementClient.readResult(200, "application/json", body, URL, "GetAsyncResult");
        AsyncResult r = AsyncResult.from(result);
        Transfer t = ElementJobMapper.apply(transfer(), r);
        status(ElementStatusMapping.map(r.status()), result.get("status"));
        sane(t);
    }

    /** Unknown statuses are {@code unknown} with the raw text kept. */
    private static void status(MappedStatus m, JsonNode wire) {
        if (!m.known()) {
            assertThat(m.phase()).isEqualTo(TransferPhase.UNKNOWN);
            String raw = wire == null || wire.isNull() ? "" : wire.isValueNode() ? wire.asText() : wire.toString();
            assertThat(m.raw()).as("raw status kept").isEqualTo(raw);
        }
    }

    /** Progress an operator can trust: never negative, never past the total, percent within 0–100. */
    private static void sane(Transfer t) {
        assertThat(t.bytesTotal()).as("bytes total").isGreaterThanOrEqualTo(-1);
        if (t.bytesTotal() >= 0) {
            assertThat(t.bytesDone()).as("bytes done").isBetween(0L, t.bytesTotal());
        }
        assertThat(t.percent()).as("percent").satisfiesAnyOf(
                p -> assertThat(p).isEqualTo(-1.0), p -> assertThat(p).isBetween(0.0, 100.0));
    }

    static long exactLong(JsonNode v) {
        return PayloadFuzz.wholeNumber(v);
    }
}
