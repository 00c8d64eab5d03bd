package io.ferry.provider.ovirt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.ErrorSummary;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.EngineSettings;
import io.ferry.engine.MemoryJournal;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.RetryPolicy;
import io.ferry.engine.TransferEngine;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferRequest;
import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.PasswordSource;
import io.ferry.provider.ovirt.TestImages;
import io.ferry.provider.ovirt.server.EngineServer;
import io.ferry.testing.FaultProxy;
import io.ferry.testing.PayloadFuzz;
import io.ferry.testing.PayloadMutator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sample of mutated image-transfer replies through a full upload run by the real TransferEngine: the in-repo
 * engine (plain HTTP behind {@link FaultProxy}) has its first {@code GET imagetransfers/{id}} answered with a mutant
 * the reader rejects. The upload must end in a final phase, and a failure must be in the breakdown with a code and
 * the engine's words — never a Java exception's name. (Only rejected mutants are used: a readable one would point
 * the upload at the seed's made-up imageio host.)
 */
class EngineApiMutatedPollThroughTransferEngineAgainstInRepoOvirtServerTest {
    private static final int SAMPLE = 6;
    private static final Predicate<FaultProxy.Request> TRANSFER_POLL = r -> r.method().equals("GET")
            && r.target().contains("/api/imagetransfers/");

    @TempDir
    Path dir;

    @Test
    void rejectedTransferRepliesEndTheUploadClearlyNeverWithAJavaException() throws Exception {
        String seed = PayloadFuzz.Seed.resource("/ovirt/image-transfer-transferring.json").payload();
        List<PayloadMutator.Mutant> rejected = new ArrayList<>();
        for (PayloadMutator.Mutant m : PayloadMutator.mutants(seed, PayloadFuzz.baseSeed(), 400)) {
            try {
                EngineClient.entity(EngineClient.readReply("GET", 200, m.payload(), "u"), "GET", "u");
            } catch (TransferException e) {
                rejected.add(m);
                if (rejected.size() == SAMPLE) {
                    break;
                }
            }
        }
        assertThat(rejected).hasSize(SAMPLE);
        Path src = TestImages.dense(dir, "a.raw", 2 * 1024 * 1024, 71);
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (PayloadMutator.Mutant m : rejected) {
            Path storage = Files.createDirectory(dir.resolve("storage" + n++));
            try (EngineServer ovirt = EngineServer.http(storage)) {
                int port = URI.create(ovirt.url()).getPort();
                try (FaultProxy proxy = new FaultProxy(port)) {
                    proxy.inject(FaultProxy.status(200, "application/json", m.payload()), 1, TRANSFER_POLL);
                    Transfer done = upload(ovirt, proxy, port, src);
                    if (done == null) {
                        failures.add(m + "\n    → no final phase within 60 s");
                        continue;
                    }
                    if (done.phase() != TransferPhase.FINISHED_SUCCESS) {
                        List<String> details = done.errors().summaries().stream().map(ErrorSummary::errorLogEntries)
                                .flatMap(List::stream).map(ErrorLogEntry::errorDetails).flatMap(List::stream).toList();
                        if (details.isEmpty() || details.stream().anyMatch(d -> d.matches(
                                "(?s).*(NullPointer|ClassCast|NumberFormat|Arithmetic|IllegalArgument|IllegalState|StackOverflow)"
                                        + "(Exception|Error).*|(?s).*com\\.fasterxml.*"))) {
                            failures.add(m + "\n    → " + done.phase() + " without a clear breakdown: " + done.errors()
                                    + " / " + done.message());
                        }
                    }
                }
            }
        }
        assertThat(failures).as("mutants that broke the oVirt upload (replay: PayloadMutator.mutate(seed, seed number))").isEmpty();
    }

    private static Transfer upload(EngineServer ovirt, FaultProxy proxy, int port, Path src) throws Exception {
        Path pw = src.resolveSibling("pw");
        Files.writeString(pw, EngineServer.PASSWORD);
        Map<String, String> options = Map.of(OvirtOptions.ENGINE, ovirt.url().replace(":" + port + "/", ":" + proxy.port() + "/"),
                OvirtOptions.USER, EngineServer.USER, OvirtOptions.PASSWORD_FILE, pw.toString(),
                OvirtOptions.STORAGE_DOMAIN, EngineServer.SD_NAME);
        OvirtProvider provider = new OvirtProvider(PasswordSource.fromFile(),
                new TransferWatch.Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30)),
                Duration.ofSeconds(1));
        List<TransferEvent> events = new ArrayList<>();
        try (TransferEngine engine = new TransferEngine(ProviderRegistry.of(provider), new MemoryJournal(),
                EngineSettings.defaults().withRetry(new RetryPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(200), 3, 0)))) {
            engine.subscribe(e -> {
                synchronized (events) {
                    events.add(e);
                    events.notifyAll();
                }
            });
            String id = engine.submit(new TransferRequest("ovirt", Direction.UPLOAD, "vm", src.toString(), ovirt.url(), options)).id();
            long deadline = System.currentTimeMillis() + 60_000;
            synchronized (events) {
                while (true) {
                    for (TransferEvent e : events) {
                        if (e.transfer().id().equals(id) && e.transfer().phase().isFinal()) {
                            return e.transfer();
                        }
                    }
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        return null;
                    }
                    events.wait(left);
                }
            }
        }
    }
}
