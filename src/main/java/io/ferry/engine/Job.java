package io.ferry.engine;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferStopped;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transfer inside the engine: its current value and the rules for changing it. Every phase change is saved
 * to the journal and then published, under the job's lock, so listeners see a transfer's events in order and
 * only after they are durable. Progress is published at most once per progress interval (the latest value wins);
 * progress checkpoints are saved when due, before the event that carries them.
 */
final class Job {
    private static final Logger LOG = LoggerFactory.getLogger(Job.class);

    final long seq;
    private final boolean watch;
    private final EngineParts parts;
    private final ReentrantLock lock = new ReentrantLock();
    private Transfer current;
    private Instant lastSavedAt;
    private long lastSavedBytes;
    private Instant lastProgressAt;
    private boolean progressPending;
    private boolean removed;
    private volatile TransferStopped.Why stop;
    private volatile boolean observedRemote;
    private volatile boolean watchRequested;
    private volatile boolean cleanupPending;
    /** The request's secrets while this engine runs (never in {@link #current}); a restart reads them back. */
    private final java.util.Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean secretsForgotten;

    // owned by the Scheduler (written under its lock)
    boolean rerunWanted;
    /** Holds one of the limited slots; read without the lock on a provider's hot path. */
    volatile boolean countedInLimit;
    /** A live worker that gave its slot back and now waits in the queue for one. */
    boolean awaitingSlot;
    /** Its history says it waits for a slot: the grant is noted too. */
    boolean slotWaitNoted;
    Thread worker;

    /** Counts the operator's actions on this transfer: a provider waiting for a slot looks again when it changes. */
    private final java.util.concurrent.atomic.AtomicLong operatorActions = new java.util.concurrent.atomic.AtomicLong();

    // counted by the worker; an operator's resume or retry starts the count again
    volatile int failedAttempts;

    Job(EngineParts parts, Transfer transfer, long seq) {
        this.parts = parts;
        this.current = Objects.requireNonNull(transfer);
        this.seq = seq;
        this.watch = transfer.direction() == io.ferry.domain.Direction.WATCH;
        this.lastSavedAt = parts.clock.instant();
        this.lastSavedBytes = transfer.bytesDone();
    }

    String id() {
        return current.id();
    }

    ReentrantLock lock() {
        return lock;
    }

    Transfer snapshot() {
        lock.lock();
        try {
            return current;
        } finally {
            lock.unlock();
        }
    }

    TransferPhase phase() {
        return snapshot().phase();
    }

    boolean isWatch() {
        return watch;
    }

    // ---- phase changes (saved, then published) ----

    /** A move Ferry makes, checked against the table; moving to the phase it is in does nothing. */
    void move(TransferPhase next, PhaseAction cause, String reason) {
        lock.lock();
        try {
            if (current.phase() == next && cause != PhaseAction.EXTEND) {
                return;
            }
            PhaseTransitions.check(current.phase(), cause, next);
            commit(current.withPhase(next, parts.clock.instant(), reason), TransferEvent.Kind.PHASE);
        } finally {
            lock.unlock();
        }
    }

    /** A phase a remote system reports, recorded as it is. */
    void observe(TransferPhase remote, String nativeStatus, String reason) {
        observedRemote = true;
        lock.lock();
        try {
            Transfer next = current.withNativeStatus(nativeStatus == null ? current.nativeStatus() : nativeStatus);
            if (remote == current.phase()) {
                if (!next.equals(current)) {
                    current = next;
                    publishProgress();
                }
                return;
            }
            commit(next.withPhase(remote, parts.clock.instant(), reason), TransferEvent.Kind.PHASE);
        } finally {
            lock.unlock();
        }
    }

    /** A history entry that keeps the phase. */
    void note(String reason) {
        lock.lock();
        try {
            commit(current.withHistoryNote(parts.clock.instant(), reason), TransferEvent.Kind.PHASE);
        } finally {
            lock.unlock();
        }
    }

    /** An engine change saved and published as a phase event (a retry's reset, an error on a stopped job). */
    void commitChange(UnaryOperator<Transfer> change) {
        lock.lock();
        try {
            commit(change.apply(current), TransferEvent.Kind.PHASE);
        } finally {
            lock.unlock();
        }
    }

    /** The first event of a new transfer. */
    void added() {
        lock.lock();
        try {
            commit(current, TransferEvent.Kind.ADDED);
        } finally {
            lock.unlock();
        }
    }

    /** The last event of a removed transfer: nothing of it is published after this. */
    void removed() {
        lock.lock();
        try {
            removed = true;
            progressPending = false;
            parts.events.publish(new TransferEvent(TransferEvent.Kind.REMOVED, current));
        } finally {
            lock.unlock();
        }
    }

    private void commit(Transfer next, TransferEvent.Kind kind) {
        current = next;
        save();
        if (next.phase().isFinal()) {
            forgetSecrets();
        }
        progressPending = false;
        parts.events.publish(new TransferEvent(kind, next));
    }

    private void save() {
        lastSavedAt = parts.clock.instant();
        lastSavedBytes = current.bytesDone();
        if (!parts.journalOpen) {
            return;
        }
        try {
            parts.journal.save(current);
        } catch (RuntimeException e) {
            LOG.error("Could not save transfer {} to the journal; it may not survive a restart", id(), e);
        }
    }

    // ---- secrets (TransferRequest.secrets) ----

    /**
     * Holds the request's secrets for this session and keeps them through the engine's {@link TransferSecrets}.
     *
     * @return "" when they are kept durably (or there are none), else the history note saying a restart will not
     *         find them, and why (names only, never values)
     */
    String holdSecrets(java.util.Map<String, String> given) {
        if (given.isEmpty()) {
            return "";
        }
        secrets.putAll(given);
        String names = String.join(", ", new java.util.TreeSet<>(given.keySet()));
        try {
            if (parts.secrets.keep(id(), given)) {
                return "";
            }
            String why = parts.secrets.unavailable();
            LOG.warn("Transfer {}: {} kept in memory only ({}); a restart will not find it", id(), names, why);
            return names + " kept in memory only (" + why + "): if Ferry stops before this transfer ends, start it "
                    + "again with it";
        } catch (RuntimeException e) {
            LOG.warn("Transfer {}: {} could not be kept in the secret store ({}); kept in memory only", id(), names,
                    e.getClass().getSimpleName());
            return names + " kept in memory only (the secret store refused it: " + e.getClass().getSimpleName()
                    + "): if Ferry stops before this transfer ends, start it again with it";
        }
    }

    /**
     * A restored transfer whose options still hold credentials its provider names ({@link
     * io.ferry.provider.Provider#secretOptions}; written by a Ferry from before they were kept apart): they move to
     * the secret store and the options keep the placeholder, saved at once. Only when the secret store keeps them;
     * otherwise the row stays as it is (nothing is lost), and a warning names the options, never their values.
     */
    void sealSecretOptions(java.util.Set<String> secretOptions) {
        Transfer t = snapshot();
        java.util.Map<String, String> plain = new java.util.TreeMap<>();
        for (String k : secretOptions) {
            String v = t.options().get(k);
            if (v != null && !v.isBlank() && !v.startsWith("(")) { // "(…)": a placeholder (Provider#secretOptions)
                plain.put(k, v);
            }
        }
        if (plain.isEmpty()) {
            return;
        }
        java.util.Map<String, String> all = new java.util.HashMap<>(plain);
        java.util.Set<String> names = new java.util.TreeSet<>(secretNames());
        if (!names.isEmpty()) {
            try {
                parts.secrets.find(id()).ifPresent(kept -> kept.forEach(all::putIfAbsent));
            } catch (RuntimeException e) {
                LOG.warn("Transfer {}: its secrets could not be read from the secret store ({}); {} left as stored",
                        id(), e.getClass().getSimpleName(), plain.keySet());
                return;
            }
        }
        boolean kept;
        try {
            kept = parts.secrets.keep(id(), all);
        } catch (RuntimeException e) {
            LOG.warn("Transfer {}: {} could not be moved to the secret store ({}); left as stored", id(), plain.keySet(),
                    e.getClass().getSimpleName());
            return;
        }
        if (!kept) {
            LOG.warn("Transfer {}: {} still in the database: {}", id(), plain.keySet(), parts.secrets.unavailable());
            return;
        }
        secrets.putAll(all);
        names.addAll(plain.keySet());
        lock.lock();
        try {
            Transfer next = current;
            for (String k : plain.keySet()) {
                next = next.withOption(k, io.ferry.provider.Provider.SECRET_PLACEHOLDER);
            }
            current = next.withOption(TransferRequest.SECRET_OPTIONS, String.join(",", names));
            save();
        } finally {
            lock.unlock();
        }
        LOG.info("Transfer {}: {} moved from the database to the secret store", id(), plain.keySet());
    }

    /** The secret named {@code name}: held in memory, else read back from the engine's {@link TransferSecrets}. */
    java.util.Optional<String> secret(String name) {
        String v = secrets.get(name);
        if (v == null && !secretsForgotten && secretNames().contains(name)) {
            try {
                parts.secrets.find(id()).ifPresentOrElse(secrets::putAll, () -> LOG.warn(
                        "Transfer {}: {} is not in the secret store{}", id(), name,
                        parts.secrets.unavailable().isEmpty() ? "" : " (" + parts.secrets.unavailable() + ")"));
            } catch (RuntimeException e) {
                LOG.warn("Transfer {}: reading {} from the secret store failed ({})", id(), name,
                        e.getClass().getSimpleName());
            }
            v = secrets.get(name);
        }
        return java.util.Optional.ofNullable(v);
    }

    private java.util.Set<String> secretNames() {
        String names = snapshot().option(TransferRequest.SECRET_OPTIONS, "");
        return names.isBlank() ? java.util.Set.of() : new java.util.HashSet<>(java.util.Arrays.asList(names.split(",")));
    }

    /**
     * One secret the provider no longer needs (the remote system has it): dropped here, from the names in
     * {@value TransferRequest#SECRET_OPTIONS} and from the secret store (the entry is rewritten with the others, or
     * removed when none is left). The transfer goes on.
     */
    void forgetSecret(String name) {
        java.util.Set<String> names = new java.util.TreeSet<>(secretNames());
        if (!names.contains(name) && !secrets.containsKey(name)) {
            return;
        }
        java.util.Map<String, String> rest = new java.util.HashMap<>(secrets);
        boolean others = true;
        if (!rest.keySet().containsAll(names)) {
            try {
                parts.secrets.find(id()).ifPresent(kept -> kept.forEach(rest::putIfAbsent));
            } catch (RuntimeException e) {
                others = false; // the entry is not rewritten without the others: the final phase removes it
                LOG.warn("Transfer {}: reading its secrets from the secret store failed ({})", id(),
                        e.getClass().getSimpleName());
            }
        }
        rest.remove(name);
        names.remove(name);
        rest.keySet().retainAll(names);
        secrets.remove(name);
        change(t -> t.withOption(TransferRequest.SECRET_OPTIONS, String.join(",", names)));
        try {
            if (rest.isEmpty()) {
                parts.secrets.forget(id());
            } else if (others) {
                parts.secrets.keep(id(), rest);
            }
        } catch (RuntimeException e) {
            LOG.warn("Transfer {}: {} could not be removed from the secret store ({})", id(), name,
                    e.getClass().getSimpleName());
        }
    }

    /** Once the transfer is final or removed: its secrets are dropped here and in the secret store. */
    void forgetSecrets() {
        if (secretsForgotten || secrets.isEmpty() && secretNames().isEmpty()) {
            return;
        }
        secretsForgotten = true;
        secrets.clear();
        try {
            parts.secrets.forget(id());
        } catch (RuntimeException e) {
            LOG.warn("Transfer {}: its secrets could not be removed from the secret store ({})", id(),
                    e.getClass().getSimpleName());
        }
    }

    // ---- progress ----

    /** A provider's change of bytes, counters, status…; the phase must stay (use move or observe). */
    void change(UnaryOperator<Transfer> change) {
        lock.lock();
        try {
            Transfer next = Objects.requireNonNull(change.apply(current), "update returned null");
            if (next.phase() != current.phase() || !next.id().equals(current.id())) {
                throw new IllegalArgumentException(
                        "update must not change the phase or id; use moveTo or observe (transfer " + id() + ")");
            }
            current = next;
            publishProgress();
        } finally {
            lock.unlock();
        }
    }

    void recordError(ErrorCode code, ErrorLogEntry sample) {
        change(t -> t.withErrors(t.errors().record(code, sample)));
    }

    /** Saves the progress when a checkpoint is due (or {@code force}), then publishes it if the throttle allows. */
    void checkpoint(boolean force) {
        lock.lock();
        try {
            Instant now = parts.clock.instant();
            boolean due = force
                    || !now.isBefore(lastSavedAt.plus(parts.settings.checkpointInterval()))
                    || current.bytesDone() - lastSavedBytes >= parts.settings.checkpointBytes();
            if (due) {
                save();
            }
            publishProgress();
        } finally {
            lock.unlock();
        }
    }

    /** Publishes progress held back by the throttle once its interval has passed (called by the engine's ticker). */
    void flushProgressIfDue() {
        lock.lock();
        try {
            if (progressPending) {
                publishProgress();
            }
        } finally {
            lock.unlock();
        }
    }

    private void publishProgress() {
        if (removed) {
            return;
        }
        Instant now = parts.clock.instant();
        Duration interval = parts.settings.progressInterval();
        if (lastProgressAt == null || !now.isBefore(lastProgressAt.plus(interval))) {
            lastProgressAt = now;
            progressPending = false;
            parts.events.publish(new TransferEvent(TransferEvent.Kind.PROGRESS, current));
        } else {
            progressPending = true;
        }
    }

    // ---- operator requests that reach a running worker ----

    void requestStop(TransferStopped.Why why) {
        lock.lock();
        try {
            if (stop == TransferStopped.Why.SHUTDOWN || stop == TransferStopped.Why.CANCEL && why == TransferStopped.Why.PAUSE) {
                return;
            }
            stop = why;
        } finally {
            lock.unlock();
        }
    }

    TransferStopped.Why stopRequest() {
        return parts.closing ? TransferStopped.Why.SHUTDOWN : stop;
    }

    void clearStop() {
        lock.lock();
        try {
            if (stop != TransferStopped.Why.SHUTDOWN) {
                stop = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The stop that applies in the current phase: pause only where pause is allowed, cancel where cancel is. */
    TransferStopped.Why applicableStop() {
        TransferStopped.Why why = stopRequest();
        if (why == null || why == TransferStopped.Why.SHUTDOWN) {
            return why;
        }
        TransferPhase p = phase();
        if (why == TransferStopped.Why.PAUSE && p.canPause() || why == TransferStopped.Why.CANCEL && p.canCancel()) {
            return why;
        }
        return null;
    }

    /** Makes the progress durable and throws when a stop applies: where pause and cancel reach a provider. */
    void throwIfStopped() throws TransferStopped {
        TransferStopped.Why why = applicableStop();
        if (why != null) {
            checkpoint(true);
            throw new TransferStopped(why);
        }
    }

    void operatorActed() {
        operatorActions.incrementAndGet();
    }

    long operatorActions() {
        return operatorActions.get();
    }

    boolean observedRemote() {
        return observedRemote;
    }

    void requestWatch() {
        watchRequested = true;
    }

    boolean takeWatchRequest() {
        boolean w = watchRequested;
        watchRequested = false;
        return w;
    }

    void requestCleanup() {
        cleanupPending = true;
    }

    boolean takeCleanupRequest() {
        boolean c = cleanupPending;
        cleanupPending = false;
        return c;
    }
}
