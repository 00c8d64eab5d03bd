package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferStopped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A request's secrets (TransferRequest.secrets, e.g. an imageio transfer URL with its ticket) through the real
 * engine: the provider reads them, the journal and the events never hold them, a new engine over the same journal
 * reads them back from where they were kept, and they are forgotten when the transfer ends or is removed.
 */
class EngineTransferSecretsTest {
    private static final String VALUE = "https://host:54322/images/0f1e2d3c-secret-ticket";

    private final MemoryJournal journal = new MemoryJournal();
    private final KeptSecrets kept = new KeptSecrets();
    private final List<String> published = new CopyOnWriteArrayList<>();

    /** Where secrets are kept across engines (what the secret store is in production), with its calls. */
    static final class KeptSecrets implements TransferSecrets {
        final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
        final List<String> forgotten = new CopyOnWriteArrayList<>();

        @Override
        public boolean keep(String transferId, Map<String, String> secrets) {
            entries.put(transferId, Map.copyOf(secrets));
            return true;
        }

        @Override
        public Optional<Map<String, String>> find(String transferId) {
            return Optional.ofNullable(entries.get(transferId));
        }

        @Override
        public void forget(String transferId) {
            forgotten.add(transferId);
            entries.remove(transferId);
        }
    }

    /** Reads the secret at the start of every run, then moves data until {@link #go} (checkpoints between). */
    static final class SecretReader implements Provider {
        final List<Optional<String>> seen = new CopyOnWriteArrayList<>();
        volatile boolean go;

        @Override
        public String id() {
            return "reader";
        }

        @Override
        public void run(TransferContext ctx) throws TransferStopped, InterruptedException {
            seen.add(ctx.secret("url"));
            while (!go) {
                ctx.checkpoint();
                ctx.sleep(Duration.ofMillis(5));
            }
            ctx.update(t -> t.withBytes(10, 10));
        }
    }

    private TransferEngine engine(Provider p, TransferSecrets secrets) {
        TransferEngine e = new TransferEngine(ProviderRegistry.of(p), journal, secrets, EngineSettings.defaults());
        e.subscribe(ev -> published.add(ev.transfer().toString()));
        return e;
    }

    private static TransferRequest request() {
        return new TransferRequest("reader", Direction.UPLOAD, "disk", "/tmp/disk.raw", "https://host:54322/images/***",
                Map.of("verify", "true"), Map.of("url", VALUE));
    }

    @Test
    void theProviderReadsTheSecretWhichNeverReachesTheJournalOrAnEventAndIsForgottenAtTheEnd() throws Exception {
        SecretReader p = new SecretReader();
        p.go = true;
        TransferRequest req = request();
        assertThat(req.toString()).contains("url").doesNotContain(VALUE);
        String id;
        try (TransferEngine e = engine(p, kept)) {
            id = e.submit(req).id();
            Transfer done = await(e, id, t -> t.phase() == TransferPhase.FINISHED_SUCCESS);
            assertThat(done.option(TransferRequest.SECRET_OPTIONS, "")).isEqualTo("url");
            assertThat(done.options()).doesNotContainValue(VALUE);
        }
        assertThat(p.seen).containsExactly(Optional.of(VALUE));
        assertThat(published).isNotEmpty().noneMatch(s -> s.contains(VALUE));
        assertThat(journal.loadAll()).extracting(Transfer::toString).noneMatch(s -> s.contains(VALUE));
        assertThat(kept.entries).as("forgotten at finished_success").isEmpty();
        assertThat(kept.forgotten).containsExactly(id);
    }

    @Test
    void aNewEngineReadsTheSecretBackAndRemovingAPausedTransferForgetsIt() throws Exception {
        SecretReader first = new SecretReader();
        String id;
        try (TransferEngine e = engine(first, kept)) {
            id = e.submit(request()).id();
            await(e, id, t -> t.phase() == TransferPhase.TRANSFERRING);
            e.act(id, PhaseAction.PAUSE);
            await(e, id, t -> t.phase() == TransferPhase.PAUSED_USER);
        }
        assertThat(kept.entries).containsKey(id);

        SecretReader second = new SecretReader();
        try (TransferEngine e = engine(second, kept)) {
            e.act(id, PhaseAction.RESUME);
            await(e, id, t -> t.phase() == TransferPhase.TRANSFERRING);
            assertThat(second.seen).as("read back from where it was kept").containsExactly(Optional.of(VALUE));
            e.act(id, PhaseAction.PAUSE);
            await(e, id, t -> t.phase() == TransferPhase.PAUSED_USER);
            assertThat(kept.forgotten).isEmpty();
            e.remove(id);
        }
        assertThat(kept.entries).as("removed from the history: forgotten").isEmpty();
        assertThat(kept.forgotten).containsExactly(id);
        assertThat(published).noneMatch(s -> s.contains(VALUE));
    }

    @Test
    void withNothingDurableItRunsThisSessionANoteSaysSoAndARestartFindsNothing() throws Exception {
        SecretReader first = new SecretReader();
        String id;
        try (TransferEngine e = engine(first, TransferSecrets.MEMORY_ONLY)) {
            id = e.submit(request()).id();
            Transfer running = await(e, id, t -> t.phase() == TransferPhase.TRANSFERRING);
            assertThat(running.history()).extracting(PhaseChange::reason).anySatisfy(r -> assertThat(r)
                    .contains("url kept in memory only", "start it again"));
            e.act(id, PhaseAction.PAUSE);
            await(e, id, t -> t.phase() == TransferPhase.PAUSED_USER);
        }
        assertThat(first.seen).containsExactly(Optional.of(VALUE));

        SecretReader second = new SecretReader();
        second.go = true;
        try (TransferEngine e = engine(second, TransferSecrets.MEMORY_ONLY)) {
            e.act(id, PhaseAction.RESUME);
            await(e, id, t -> t.phase().isFinal());
        }
        assertThat(second.seen).as("nothing to read back after the restart").containsExactly(Optional.empty());
    }

    private static Transfer await(TransferEngine e, String id, Predicate<Transfer> cond) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            Transfer t = e.get(id).orElseThrow();
            if (cond.test(t)) {
                return t;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("transfer " + id + " did not get there: " + e.get(id).orElseThrow());
    }
}
