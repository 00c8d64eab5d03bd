package io.ferry.provider.ims;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorSummary;
import io.ferry.domain.Transfer;
import io.ferry.provider.TransferException;
import io.ferry.provider.remote.PollLoop;
import io.ferry.provider.remote.RecordingTransferContext;
import io.ferry.testing.MutantFirstDispatcher;
import io.ferry.testing.PayloadFuzz;
import io.ferry.testing.PayloadMutator;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * A sample of mutated job answers through the whole poll: the in-repo IAM + IMS ({@link FakeIms}) over HTTP on
 * 127.0.0.1 answers the first job query with the mutant, then the job's real SUCCESS. The provider must not crash:
 * a mutant the parser rejects becomes a breakdown entry with its code and what came, and the watch goes on to
 * SUCCESS; a mutant it reads is reported as a phase.
 */
class ImsMutatedPollAgainstInRepoImsTest {
    private static final int SAMPLE = 25;

    @Test
    void mutatedJobAnswersBecomeAPhaseOrABreakdownEntryNeverACrash() throws Exception {
        String seed = PayloadFuzz.Seed.resource("/ims/seed004/03-imsImportOvaImageJob.json").payload();
        List<String> failures = new ArrayList<>();
        int rejected = 0;
        for (PayloadMutator.Mutant m : PayloadMutator.mutants(seed, PayloadFuzz.baseSeed(), SAMPLE)) {
            TransferException expected = null;
            try {
                ImsJob.from(ImsClient.readBody(200, "application/json", m.payload(), "u"));
            } catch (TransferException e) {
                expected = e;
                rejected++;
            }
            FakeIms ims = new FakeIms("domain A", "user A", "pa55");
            ims.addJob("job-1", "imsImportOvaImageJob", "{\"status\": \"SUCCESS\", \"entities\": {}}");
            try (MockWebServer server = new MockWebServer()) {
                server.setDispatcher(new MutantFirstDispatcher(ims,
                        r -> r.getMethod().equals("GET") && r.getUrl().encodedPath().endsWith("/jobs/job-1"), m.payload()));
                server.start(InetAddress.getByName("127.0.0.1"), 0);
                ImsClient client = new ImsClient(new ImsProfile("eu-de", "domain A", "user A", "pa55", "eu-de", "",
                        server.url("/v3").toString(), server.url("/").toString(), Duration.ofSeconds(5)),
                        new OkHttpClient(), Clock.systemUTC());
                ImsProvider provider = new ImsProvider(t -> client, Duration.ofMillis(1));
                RecordingTransferContext ctx = new RecordingTransferContext(Transfer.create("t", ImsProvider.ID,
                        Direction.WATCH, "", "", "", Map.of(ImsOptions.JOB_ID, "job-1", PollLoop.OPTION_INTERVAL, "0"),
                        Instant.EPOCH));
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
                if (expected != null && thrown != null && thrown.code() == expected.code()) {
                    continue;
                }
                if (expected != null) {
                    ErrorSummary s = t.errors().get(expected.code()).orElse(null);
                    if (s == null || s.errorLogEntries().isEmpty() || s.errorLogEntries().getFirst().errorDetails().getFirst().isBlank()) {
                        failures.add(m + "\n    → no breakdown entry " + expected.code() + " for the rejected answer: " + t.errors());
                    }
                } else if (ctx.observations.isEmpty()) {
                    failures.add(m + "\n    → read, but no phase was reported");
                }
            }
        }
        assertThat(failures).as("mutants that broke the IMS watch (replay: PayloadMutator.mutate(seed, seed number))").isEmpty();
        assertThat(rejected).as("the sample has rejected answers too").isPositive();
    }
}
