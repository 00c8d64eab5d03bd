package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.testing.EngineEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Options a provider names as credentials ({@link Provider#secretOptions}): the engine moves them out of the
 * request into its secrets before the transfer exists, and {@link TransferContext#forgetSecret} drops one of them
 * while the others stay in the place secrets are kept (here a map, as the secret store's stand-in).
 */
class EngineSecretOptionsTest {
    /** Where secrets are kept, as a map of transfer id to its secrets. */
    static final class KeptSecrets implements TransferSecrets {
        final Map<String, Map<String, String>> kept = new ConcurrentHashMap<>();

        @Override
        public boolean keep(String transferId, Map<String, String> secrets) {
            kept.put(transferId, Map.copyOf(secrets));
            return true;
        }

        @Override
        public Optional<Map<String, String>> find(String transferId) {
            return Optional.ofNullable(kept.get(transferId));
        }

        @Override
        public void forget(String transferId) {
            kept.remove(transferId);
        }
    }

    /** Reads both credentials, forgets one, and notes what it saw at each step. */
    static final class TwoKeys implements Provider {
        final KeptSecrets store;
        final List<String> seen = new CopyOnWriteArrayList<>();

        TwoKeys(KeptSecrets store) {
            this.store = store;
        }

        @Override
        public String id() {
            return "twokeys";
        }

        @Override
        public Set<String> secretOptions() {
            return Set.of("x.access", "x.secret");
        }

        @Override
        public void run(TransferContext ctx) {
            Transfer t = ctx.current();
            seen.add("options " + t.option("x.access", "") + " " + t.option("x.secret", "") + " " + t.option("plain", ""));
            seen.add("read " + ctx.secret("x.access").orElse("-") + " " + ctx.secret("x.secret").orElse("-"));
            ctx.forgetSecret("x.secret");
            seen.add("after forget " + ctx.secret("x.access").orElse("-") + " " + ctx.secret("x.secret").orElse("-"));
            seen.add("kept " + store.kept.get(t.id()));
            seen.add("names " + ctx.current().option(TransferRequest.SECRET_OPTIONS, ""));
        }
    }

    @Test
    void credentialOptionsLeaveTheTransferAndOneCanBeForgottenWhileTheOtherStays() {
        KeptSecrets kept = new KeptSecrets();
        TwoKeys provider = new TwoKeys(kept);
        MemoryJournal journal = new MemoryJournal();
        EngineEvents events = new EngineEvents();
        try (TransferEngine engine = new TransferEngine(ProviderRegistry.of(provider), journal, kept, EngineSettings.defaults())) {
            engine.subscribe(events);
            Transfer first = engine.submit(new TransferRequest("twokeys", Direction.COPY, "n", "s", "t",
                    Map.of("x.access", "AKIA1", "x.secret", "S3CRET", "plain", "p")));
            assertThat(first.options()).containsEntry("x.access", Provider.SECRET_PLACEHOLDER)
                    .containsEntry("x.secret", Provider.SECRET_PLACEHOLDER).containsEntry("plain", "p")
                    .containsEntry(TransferRequest.SECRET_OPTIONS, "x.access,x.secret");
            Transfer done = events.awaitFinal(first.id());

            assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
            assertThat(provider.seen).containsExactly(
                    "options (in the secret store) (in the secret store) p",
                    "read AKIA1 S3CRET",
                    "after forget AKIA1 -",
                    "kept {x.access=AKIA1}",
                    "names x.access");
            assertThat(kept.kept).as("all gone once the transfer is final").isEmpty();
            assertThat(journal.loadAll().toString()).doesNotContain("AKIA1", "S3CRET");
        }
    }
}
