package io.ferry.provider.element;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorSummary;
import io.ferry.domain.Transfer;
import io.ferry.provider.TransferException;
import io.ferry.provider.remote.PollLoop;
import io.ferry.provider.remote.RecordingTransferContext;
import io.ferry.provider.remote.TestCertificates;
import io.ferry.testing.MutantFirstDispatcher;
import io.ferry.testing.PayloadFuzz;
import io.ferry.testing.PayloadMutator;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * A sample of mutated ListBulkVolumeJobs answers through the whole poll: the in-repo cluster
 * ({@link FakeElementCluster}, pinned TLS on 127.0.0.1) answers the first ListBulkVolumeJobs with the mutant, then
 * as usual until the job completes. The provider must not crash: a rejected answer becomes a breakdown entry with its
 * code and what came, and the watch goes on; a read one is reported as a phase.
 */
class ElementMutatedPollAgainstInRepoClusterTest {
    private static final int SAMPLE = 25;

    @Test
    void mutatedJobListsBecomeAPhaseOrABreakdownEntryNeverACrash() throws Exception {
        TestCertificates certs = TestCertificates.shared();
        String seed = PayloadFuzz.Seed.resource("/element/e4-list-bulk-volume-jobs-response.json").payload();
        String key = "eaffb0526d4fb47107061f09bfc9a806"; // the seed's job
        List<String> failures = new ArrayList<>();
        int rejected = 0;
        for (PayloadMutator.Mutant m : PayloadMutator.mutants(seed, PayloadFuzz.baseSeed(), SAMPLE)) {
            TransferException expected = null;
            try {
                ElementClient.bulkVolumeJobs(ElementClient.readResult(200, "application/json", m.payload(), "u", "ListBulkVolumeJobs"));
            } catch (TransferException e) {
                expected = e;
                rejected++;
            }
            FakeElementCluster cluster = new FakeElementCluster("12.3", "admin", "s3cret", Set.of(5L));
            var job = cluster.addJob(key, "read", 5, FakeElementCluster.frames(new FakeElementCluster.Frame("running", 100, 1, 0)),
                    FakeElementCluster.success());
            try (MockWebServer server = new MockWebServer()) {
                server.useHttps(certs.serverSocketFactory);
                server.setDispatcher(new MutantFirstDispatcher(cluster,
                        r -> r.getBody() != null && r.getBody().utf8().contains("\"ListBulkVolumeJobs\""), m.payload()));
                server.start(InetAddress.getByName("127.0.0.1"), 0);
                ElementClient client = new ElementClient(new ElementProfile("https://127.0.0.1:" + server.getPort(), "12.3",
                        "admin", "s3cret", PinnedCertificateTrust.fingerprint(certs.certificate), Duration.ofSeconds(5)));
                ElementProvider provider = new ElementProvider(t -> client, Duration.ofMillis(1));
                RecordingTransferContext ctx = new RecordingTransferContext(Transfer.create("t", ElementProvider.ID,
                        Direction.WATCH, "", "", "", Map.of(ElementOptions.KEY, key, ElementOptions.ASYNC_HANDLE,
                                Long.toString(job.handle), PollLoop.OPTION_INTERVAL, "0"), Instant.EPOCH));
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
                    if (s == null || s.errorLogEntries().isEmpty() || s.errorLogEntries().getFirst().errorDetails().getFirst().isBlank()) {
                        failures.add(m + "\n    → no breakdown entry " + expected.code() + " for the rejected answer: " + t.errors());
                    }
                } else if (expected == null && ctx.observations.isEmpty()) {
                    failures.add(m + "\n    → read, but no phase was reported");
                }
            }
        }
        assertThat(failures).as("mutants that broke the Element watch (replay: PayloadMutator.mutate(seed, seed number))").isEmpty();
        assertThat(rejected).as("the sample has rejected answers too").isPositive();
    }
}
