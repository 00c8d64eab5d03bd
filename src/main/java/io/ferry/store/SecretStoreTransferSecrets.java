package io.ferry.store;

import io.ferry.engine.TransferSecrets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine's {@link TransferSecrets} in the {@link SecretStore}: one entry per transfer, under
 * {@code transfer/<id>} ({@link #refFor}), holding the secrets as a JSON object; SQLite never sees them. The
 * secret store is looked up on every call, as it may be opened later in the session (the window's passphrase
 * sheet). Exceptions never carry a value: the secret stores' own messages name the reference only.
 */
public final class SecretStoreTransferSecrets implements TransferSecrets {
    private final Supplier<Optional<SecretStore>> secrets;

    /** @param secrets the secret store when one is open, else empty */
    public SecretStoreTransferSecrets(Supplier<Optional<SecretStore>> secrets) {
        this.secrets = secrets;
    }

    /** The secret store reference of a transfer's secrets. */
    public static String refFor(String transferId) {
        return "transfer/" + transferId;
    }

    @Override
    public boolean keep(String transferId, Map<String, String> values) {
        Optional<SecretStore> store = secrets.get();
        if (store.isEmpty()) {
            return false;
        }
        store.get().put(refFor(transferId), Json.write(values));
        return true;
    }

    @Override
    public Optional<Map<String, String>> find(String transferId) {
        return secrets.get().flatMap(s -> s.get(refFor(transferId))).map(SecretStoreTransferSecrets::parse);
    }

    private static Map<String, String> parse(String json) {
        try {
            return Json.stringMap(json);
        } catch (StoreException e) {
            // the message of a JSON parse error may quote the value: never pass it on
            throw new StoreException("the transfer's entry in the secret store is not a JSON object of strings");
        }
    }

    @Override
    public void forget(String transferId) {
        secrets.get().ifPresent(s -> s.delete(refFor(transferId)));
    }

    @Override
    public String unavailable() {
        return secrets.get().isPresent() ? "" : "no secret store is open: no OS secret store answers and no passphrase "
                + "was given (set " + SecretStores.PASSPHRASE_ENV + ", or unlock the secrets file in the window)";
    }
}
