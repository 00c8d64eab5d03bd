package io.ferry.app;

import io.ferry.engine.TransferSecrets;
import io.ferry.engine.TransferService;
import io.ferry.provider.Provider;
import io.ferry.store.EncryptedFileSecretStore;
import io.ferry.store.RunnerLock;
import io.ferry.store.RunnerLockedException;
import io.ferry.store.SecretStore;
import io.ferry.store.SecretStoreTransferSecrets;
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Services.class);
    private final Path dataDir;
    private final SqliteStore store;
    private final Function<Services, List<Provider>> providerFactory;
    private List<Provider> providers;
    private final EngineFactory engines;
    private final Map<String, String> env;
    private final String osName;
    private SecretStore secrets;
    private Optional<SecretStore> osSecrets;

    private Services(Path dataDir, SqliteStore store, Function<Services, List<Provider>> providers, EngineFactory engines,
            Map<String, String> env, String osName) {
        this.dataDir = dataDir;
        this.osName = osName;
        this.store = store;
        this.providerFactory = providers;
        this.engines = engines;
        this.env = env;
    }

    /** Opens the store in {@code dataDir} (creating and migrating it). */
    public static Services open(Path dataDir, List<Provider> providers, EngineFactory engines, Map<String, String> env) {
        return open(dataDir, providers, engines, env, System.getProperty("os.name", ""));
    }

    /** As {@link #open(Path, List, EngineFactory, Map)} on the system named {@code osName} (its secret store). */
    public static Services open(Path dataDir, List<Provider> providers, EngineFactory engines, Map<String, String> env,
            String osName) {
        List<Provider> fixed = List.copyOf(providers);
        return new Services(dataDir, SqliteStore.open(dataDir), s -> fixed, engines, env, osName);
    }

    /** The production wiring: every provider Ferry ships (built on first use, over this store) and the real engine. */
    public static Services open(Path dataDir) {
        return new Services(dataDir, SqliteStore.open(dataDir), Wiring::providers, Wiring.engineFactory(), System.getenv(),
                System.getProperty("os.name", ""));
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
     * The secret store: the OS's when it answers (asked once per session), else the encrypted file when
     * FERRY_PASSPHRASE or {@code passphrase} gives a passphrase, or when {@link #unlockSecrets} opened it; empty when
     * none of these (the GUI then asks for a passphrase).
     */
    public synchronized Optional<SecretStore> secrets(char[] passphrase) {
        if (secrets == null) {
            if (osSecrets == null) {
                osSecrets = SecretStores.probeOs(dataDir, osName, "secret-tool").store();
            }
            osSecrets.or(() -> SecretStores.encryptedFile(dataDir, env, passphrase)).ifPresent(s -> secrets = s);
        }
        return Optional.ofNullable(secrets);
    }

    /**
     * Opens the encrypted secrets file under {@code passphrase} for the rest of the session, creating it when there
     * is none; nothing happens when a secret store is already open.
     *
     * @throws io.ferry.store.SecretStoreException when the passphrase does not open the existing file (nothing is
     *                                             changed then)
     */
    public synchronized SecretStore unlockSecrets(char[] passphrase) {
        if (secrets != null) {
            return secrets;
        }
        if (osSecrets == null) {
            osSecrets = SecretStores.probeOs(dataDir, osName, "secret-tool").store();
        }
        if (osSecrets.isPresent()) {
            secrets = osSecrets.get();
            return secrets;
        }
        // FERRY_PASSPHRASE is not consulted: the operator typed this one (perhaps because that one is wrong)
        boolean existed = SecretStores.encryptedFileExists(dataDir);
        EncryptedFileSecretStore file;
        try {
            file = new EncryptedFileSecretStore(dataDir, passphrase);
        } catch (io.ferry.store.SecretStoreException e) {
            LOG.warn("The secrets file {} was not unlocked: {}", dataDir.resolve(EncryptedFileSecretStore.FILE_NAME), e.getMessage());
            throw e;
        }
        file.createIfAbsent();
        LOG.info("Secrets file {} {} with the passphrase typed in the window", file.file(), existed ? "unlocked" : "created");
        secrets = file;
        return file;
    }

    /**
     * Where the engine keeps the secrets a transfer was started with (a plain imageio transfer URL): the secret
     * store under {@code transfer/<id>}, looked up when needed (it may be unlocked later in the session).
     */
    public TransferSecrets transferSecrets() {
        return new SecretStoreTransferSecrets(this::openSecrets);
    }

    /** The secret store if it is open or opens without asking; a wrong FERRY_PASSPHRASE counts as none. */
    private Optional<SecretStore> openSecrets() {
        try {
            return secrets(null);
        } catch (io.ferry.store.SecretStoreException e) {
            LOG.warn("The secret store did not open: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Takes the runner lock and starts the engine over the store.
     *
     * @throws RunnerLockedException when another process runs transfers from this data directory
     */
    public TransferService startRunner() throws RunnerLockedException {
        RunnerLock lock = RunnerLock.acquire(dataDir);
        try {
            return new RunnerSession(engines.create(store, transferSecrets(), providers(), store.settings()), lock);
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
