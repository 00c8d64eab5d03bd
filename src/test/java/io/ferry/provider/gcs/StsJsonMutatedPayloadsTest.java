package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.domain.Counter;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorBreakdown;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
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
 * Storage Transfer payloads mutated ({@link io.ferry.testing.PayloadMutator}: dropped fields, wrong types, unknown
 * statuses, huge numbers, truncation, flipped bytes, HTML pages) through what the watcher's poll uses: the body check
 * ({@code GcsErrors.parseObject} for a 2xx, {@code GcsErrors.fromHttp} for an error), the Operation / list page
 * reader ({@code StsJson}) and the mapping onto the transfer ({@code GcsProvider.report}). Each mutant is either read
 * (an unknown status shows {@code unknown} with its raw text; every counter is exact or named as a problem) or a
 * {@link TransferException} with a code and a message. Not jqwik (its maintainers ask AI agents not to use it).
 */
class StsJsonMutatedPayloadsTest {
    private static final String URL = "https://storagetransfer.googleapis.com/v1/transferOperations/x";
    private static final int PER_SEED = 250;

    @TestFactory
    Stream<DynamicTest> mutatedStorageTransferPayloadsParseOrFailClearly() {
        String fragment = Seed.resource("/gcs/s2-run-response-queued.fragment.txt").payload();
        List<Case> cases = List.of(
                new Case(Seed.resource("/gcs/seed002-operation-all-fields.json"), StsJsonMutatedPayloadsTest::operation),
                new Case(Seed.resource("/gcs/s1-list-item-success.json"), StsJsonMutatedPayloadsTest::operation),
                new Case(new Seed("s2 run response (fragment in braces)", "{" + fragment + "}"), StsJsonMutatedPayloadsTest::operation),
                new Case(Seed.resource("/gcs/s3-list-failed-with-breakdown.json"), StsJsonMutatedPayloadsTest::listPage),
                new Case(Seed.resource("/gcs/error-403-permission-denied.json"), StsJsonMutatedPayloadsTest::errorBody));
        return PayloadFuzz.tests("Storage Transfer", cases, PER_SEED, 1000, new PayloadFuzz.ClearError<>(
                TransferException.class, StsJsonMutatedPayloadsTest::unclear));
    }

    static String unclear(TransferException e) {
        if (e.code() == null || e.getMessage() == null || e.getMessage().isBlank()) {
            return "no code or message";
        }
        return e.getMessage().contains("com.fasterxml") ? "names Jackson's classes instead of the problem" : null;
    }

    /** transferOperations.get as the watcher polls it. */
    static void operation(String body) throws TransferException {
        JsonNode tree = GcsErrors.parseObject("application/json", body, URL);
        mapped(tree, StsJson.operation(tree));
    }

    /** transferOperations.list: every operation of the page. */
    static void listPage(String body) throws TransferException {
        JsonNode page = GcsErrors.parseObject("application/json", body, URL);
        var ops = StorageTransferClient.operationsPage(page).items();
        int i = 0;
        for (JsonNode op : page.path("operations")) {
            mapped(op, ops.get(i++));
        }
    }

    /** A non-2xx answer: always a TransferException naming the problem. */
    static void errorBody(String body) throws TransferException {
        for (int status : new int[] {400, 403, 404, 429, 500, 503}) {
            TransferException e = GcsErrors.fromHttp(status, "", "application/json; charset=UTF-8", body, URL);
            String why = unclear(e);
            assertThat(why).as("HTTP %d: %s", status, e).isNull();
        }
        throw GcsErrors.fromHttp(403, "Forbidden", "application/json", body, URL);
    }

    /** The operation put on a transfer as the watcher does it; the status and counters checked against the wire. */
    static void mapped(JsonNode wire, GcsOperation op) {
        Transfer t = Transfer.create("t1", GcsProvider.ID, Direction.WATCH, "", "transferOperations/x", "", Map.of(), Instant.EPOCH);
        RecordingContext ctx = new RecordingContext(t);
        GcsProvider.report(ctx, op, ErrorBreakdown.EMPTY);
        Transfer after = ctx.current();
        assertThat(after.phase()).isEqualTo(op.phase());

        JsonNode md = wire.path("metadata");
        JsonNode status = md.path("status");
        if (!op.status().known()) {
            assertThat(after.phase()).isEqualTo(TransferPhase.UNKNOWN);
            String raw = status.isMissingNode() || status.isNull() ? "" : status.isValueNode() ? status.asText() : status.toString();
            assertThat(after.nativeStatus()).as("raw status kept").isEqualTo(raw);
        }
        JsonNode counters = md.path("counters");
        for (Counter c : Counter.values()) {
            JsonNode v = counters.path(c.jsonName());
            if (!v.isValueNode() || v.isNull()) {
                continue;
            }
            long exact;
            try {
                exact = Long.parseLong(v.asText().trim());
            } catch (NumberFormatException notInt64) {
                exact = -1;
            }
            if (exact >= 0) {
                assertThat(op.counters().get(c)).as(c.jsonName()).isEqualTo(exact);
                assertThat(after.counters().get(c)).as(c.jsonName()).isEqualTo(exact);
            } else {
                assertThat(op.counters().has(c)).as(c.jsonName() + " left out").isFalse();
                assertThat(op.problems()).as("problem named").anyMatch(p -> p.contains(c.jsonName()));
            }
        }
    }
}
