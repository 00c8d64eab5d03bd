package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorSummary;
import io.ferry.domain.Transfer;
import io.ferry.provider.TransferException;
import io.ferry.testing.PayloadFuzz;
import io.ferry.testing.PayloadMutator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sample of mutated Operation answers through the whole watch: the in-repo Storage Transfer server
 * ({@link FakeStorageTransferServer}, real HTTP on 127.0.0.1, OAuth with a service-account key) answers the first
 * transferOperations.get with the mutant, then the operation as it really is until SUCCESS. The watcher must not
 * crash: a rejected answer becomes a breakdown entry (UNKNOWN, with what came) and the watch goes on; a read one is
 * reported as a phase with its raw status.
 */
class GcsMutatedPollAgainstInRepoServerTest {
    private static final int SAMPLE = 40;

    @TempDir
    Path dir;

    @Test
    void mutatedOperationsBecomeAPhaseOrABreakdownEntryNeverACrash() throws Exception {
        String seed = PayloadFuzz.Seed.resource("/gcs/seed002-operation-all-fields.json").payload();
        List<String> failures = new ArrayList<>();
        int rejected = 0;
        try (FakeStorageTransferServer sts = new FakeStorageTransferServer()) {
            Map<String, String> options = Map.of(
                    GcsOptions.ENDPOINT, sts.endpoint().toString(),
                    GcsOptions.CREDENTIALS, sts.writeServiceAccountKey(dir, "proj").toString(),
                    GcsOptions.PROJECT, "proj",
                    GcsOptions.POLL_INTERVAL, "2");
            GcsProvider provider = new GcsProvider();
            int i = 0;
            for (PayloadMutator.Mutant m : PayloadMutator.mutants(seed, PayloadFuzz.baseSeed(), SAMPLE)) {
                TransferException expected = null;
                try {
                    StsJson.operation(GcsErrors.parseObject("application/json", m.payload(), "u"));
                } catch (TransferException e) {
                    expected = e;
                    rejected++;
                }
                var op = sts.addOperation(Integer.toString(100 + i++), "proj",
                        List.of(Map.of("bytesCopiedToSink", "10", "bytesFoundFromSource", "10")));
                sts.inject(FakeStorageTransferServer.json(200, m.payload()));
                RecordingContext ctx = new RecordingContext(Transfer.create("t" + i, GcsProvider.ID, Direction.WATCH,
                        op.name(), op.name(), "", options, Instant.parse("2026-11-23T12:00:00Z")));
                TransferException thrown = null;
                try {
                    provider.run(ctx);
                } catch (TransferException clear) {
                    thrown = clear; // allowed: a clear error the engine records in the breakdown
                } catch (Throwable crash) {
                    failures.add(m + "\n    → " + crash);
                    continue;
                }
                Transfer t = ctx.current();
                if (expected != null && !(thrown != null && thrown.code() == expected.code())) {
                    ErrorSummary s = t.errors().get(expected.code()).orElse(null);
                    if (s == null || s.errorLogEntries().isEmpty()
                            || !s.errorLogEntries().getFirst().url().contains(op.name())
                            || s.errorLogEntries().getFirst().errorDetails().getFirst().isBlank()) {
                        failures.add(m + "\n    → no breakdown entry " + expected.code() + " for the rejected answer: " + t.errors());
                    }
                } else if (expected == null && ctx.observations().isEmpty()) {
                    failures.add(m + "\n    → read, but no phase was reported");
                }
            }
        }
        assertThat(failures).as("mutants that broke the Storage Transfer watch (replay: PayloadMutator.mutate(seed, seed number))")
                .isEmpty();
        assertThat(rejected).as("the sample has rejected answers too").isPositive();
    }
}
