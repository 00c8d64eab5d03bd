package io.ferry.engine;

import java.util.Map;
import java.util.Optional;

/**
 * Where the engine keeps the secrets a transfer was started with ({@link TransferRequest#secrets}, e.g. an imageio
 * transfer URL whose path is a bearer ticket): never in the transfer, its options, the journal or an event. The
 * store plugs in here (the secret store, wired in app). The engine also holds them in memory while it runs, so a
 * transfer runs to its end in this session even when nothing durable is open; only a restart then needs them from
 * here. Keyed per transfer id; the engine forgets them when the transfer reaches a final phase or is removed.
 * Implementations must never put a value into an exception message or a log line.
 */
public interface TransferSecrets {

    /**
     * Keeps {@code secrets} (names to values) for the transfer, replacing what was kept for it.
     *
     * @return false when there is nowhere durable to keep them now (no secret store open): a restart will not find them
     */
    boolean keep(String transferId, Map<String, String> secrets);

    /** What was kept for the transfer; empty when nothing was, or when no secret store is open now. */
    Optional<Map<String, String>> find(String transferId);

    /** Removes what was kept for the transfer; nothing happens when there is none. */
    void forget(String transferId);

    /**
     * Why a restart may not find what {@link #keep} keeps, for the operator (e.g. "no secret store is open: set
     * FERRY_PASSPHRASE…"); empty when a secret store is open.
     */
    default String unavailable() {
        return "";
    }

    /** Nothing durable: secrets live only in the engine's memory, for this session. */
    TransferSecrets MEMORY_ONLY = new TransferSecrets() {
        @Override
        public boolean keep(String transferId, Map<String, String> secrets) {
            return false;
        }

        @Override
        public Optional<Map<String, String>> find(String transferId) {
            return Optional.empty();
        }

        @Override
        public void forget(String transferId) {
            // nothing was kept
        }

        @Override
        public String unavailable() {
            return "this Ferry keeps no secrets beyond its session";
        }
    };
}
