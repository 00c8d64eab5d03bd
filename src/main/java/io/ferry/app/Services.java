package io.ferry.app;

import io.ferry.engine.TransferService;
import io.ferry.provider.Provider;
import io.ferry.store.RunnerLock;
import io.ferry.store.RunnerLockedException;
import io.ferry.store.SecretStore;
import io.ferry.store.SecretStores;
import io.ferry.store.Settings;
import io.ferry.store.SqliteStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place that knows every layer: the data directory, the store, the secret store, the providers and the
 * engine factory. The GUI and the CLI get what they need from here.
 */
public final class Services implements AutoCloseable {
    private final Path dataDir;
    private final SqliteStore store;
    private final Function<Services, List<Provider>> providerFactory;
    private List<Provider> providers;
    private final EngineFactory engines;
    private final Map<String, String> env;
    private SecretStore secrets;

    private Services(Path dataDir, SqliteStore store, Function<Services, List<Provider>> providers, EngineFactory engines,
            Map<String, String> env) {
        this.dataDir = dataDir;
        this.store = store;
        this.providerFactory = providers;
        this.engines = engines;
        this.env = env;
    }

    /** Opens the store in {@code dataDir} (creating and migrating it). */
    public static Services open(Path dataDir, List<Provider> providers, EngineFactory engines, Map<String, String> env) {
        List<Provider> fixed = List.copyOf(providers);
        return new Services(dataDir, SqliteStore.open(dataDir), s -> fixed, engines, env);
    }

    /** The production wiring: every provider Ferry ships (built on first use, over this store) and the real engine. */
    public static Services open(Path dataDir) {
        return new Services(dataDir, SqliteStore.open(dataDir), Wiring::providers, Wiring.engineFactory(), System.getenv());
    }

    public Path dataDir() {
        return dataDir;
    }

    public SqliteStore store() {
        return store;
    }

    public Settings settings() {
        return store.settings();
    }

    public synchronized List<Provider> providers() {
        if (providers == null) {
            providers = List.copyOf(providerFactory.apply(this));
        }
        return providers;
    }

    public Optional<Provider> provider(String id) {
        return providers().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * The secret store: the OS's when it answers, else the encrypted file when FERRY_PASSPHRASE or {@code passphrase}
     * gives a passphrase; empty when neither (the GUI then asks for a passphrase).
     */
    public synchronized Optional<SecretStore> secrets(char[] passphrase) {
        if (secrets == null) {
            SecretStores.open(dataDir, env, System.getProperty("os.name", ""), passphrase).ifPresent(s -> secrets = s);
        }
        return Optional.ofNullable(secrets);
    }

    /**
     * Takes the runner lock and starts the engine over the store.
     *
     * @throws RunnerLockedException when another process runs transfers from this data directory
     */
    public TransferService startRunner() throws RunnerLockedException {
        RunnerLock lock = RunnerLock.acquire(dataDir);
        try {
            return new RunnerSession(engines.create(store, providers(), store.settings()), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
