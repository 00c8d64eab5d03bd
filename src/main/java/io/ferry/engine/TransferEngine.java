package io.ferry.engine;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ferry's transfer service: a FIFO queue, at most {@code maxConcurrent} transfers running at once, each on a
 * virtual thread, driven through the phases of {@link PhaseTransitions}.
 *
 * <p><b>Life cycle of a data mover</b> (local copy, imageio upload): {@code initializing} → (the provider's first
 * checkpoint, bandwidth request or {@code moveTo}) {@code transferring} → (the provider's
 * {@code moveTo(finalizing_success)} before it verifies, or the engine when {@code run} returns)
 * {@code finalizing_success} → (the engine, when {@code run} returns normally) {@code finished_success}. A
 * {@link TransferException} during verification ends in {@code finished_failure} with its breakdown.
 *
 * <p><b>Errors</b>: every error goes into the breakdown. A code whose guidance is retry (UNAVAILABLE,
 * DEADLINE_EXCEEDED, ABORTED) moves to {@code paused_system}, waits the
 * {@link RetryPolicy}'s backoff, then {@code resuming} and runs the provider again; other codes, or the last
 * attempt, go {@code finalizing_failure} → {@code finished_failure}. An unexpected RuntimeException from a
 * provider is recorded as INTERNAL and moves the transfer to {@code unknown}.
 *
 * <p><b>Actions</b> ({@link #act}) are checked against the table first. A provider that runs the transfer
 * remotely performs them itself ({@link Provider.ActionResult#REMOTE}) and the engine follows the phases it then
 * observes. Otherwise: pause stops the worker at its next checkpoint → {@code paused_user}; resume →
 * {@code resuming}, queued again; cancel → {@code cancelled_user} → {@code finalizing_cleanup} (the provider's
 * cleanup) → {@code finished_cleanup}; retry → {@code initializing} (bytes and counters reset), queued again;
 * extend keeps the phase. Finalize is a remote action only: a local transfer finalizes itself when its data is
 * complete.
 *
 * <p><b>Durability</b>: the journal gets every phase change, and a progress checkpoint at least every second or
 * 64 MiB, before the event that reports it is published. On construction the journal is loaded: transfers
 * that were initializing, transferring, resuming or finalizing run again from their last durable checkpoint
 * (with a "restored after restart" history entry), watch jobs that were not final are followed again, paused
 * ones stay paused, final ones stay as history; transfers of a provider this engine does not have are listed
 * and left exactly as they are. Requests other processes leave in the journal
 * ({@link TransferJournal#takePendingActions}) are applied within the action poll interval (250 ms).
 *
 * <p><b>Secrets</b>: a request's {@link TransferRequest#secrets} never reach the transfer, the journal or an event.
 * The job holds them in memory and keeps them through {@link TransferSecrets} (the secret store) for a restart;
 * the provider reads them with {@link io.ferry.provider.TransferContext#secret}. They are forgotten when the
 * transfer reaches a final phase or is removed. When nothing durable is open, a history note says so.
 *
 * <p><b>Events</b>: each listener has its own queue and virtual thread; progress is throttled to 10 a second per
 * transfer (the latest value wins); added, phase and removed events always arrive, in order per transfer.
 */
public final class TransferEngine implements TransferService {
    private static final Logger LOG = LoggerFactory.getLogger(TransferEngine.class);

    private final EngineParts parts;
    private final Scheduler scheduler;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final Thread ticker;

    /** Real time; a request's secrets live in memory only (a restart does not find them). */
    public TransferEngine(ProviderRegistry providers, TransferJournal journal, EngineSettings settings) {
        this(providers, journal, TransferSecrets.MEMORY_ONLY, settings);
    }

    /** Real time; a request's secrets are kept through {@code secrets} (the secret store) so a restart finds them. */
    public TransferEngine(ProviderRegistry providers, TransferJournal journal, TransferSecrets secrets,
            EngineSettings settings) {
        this(providers, journal, secrets, settings, Clock.systemUTC(), Sleeper.SYSTEM, new Random());
    }

    /**
     * @param clock   the time written into phase history, checkpoints and the throttle (a fake one in tests)
     * @param sleeper how backoff, provider sleeps and the bandwidth limit wait (a fake one advances the clock)
     * @param random  the jitter of the retry backoff
     */
    public TransferEngine(ProviderRegistry providers, TransferJournal journal, EngineSettings settings, Clock clock,
            Sleeper sleeper, RandomGenerator random) {
        this(providers, journal, TransferSecrets.MEMORY_ONLY, settings, clock, sleeper, random);
    }

    /** As above, with the place where a request's secrets are kept. */
    public TransferEngine(ProviderRegistry providers, TransferJournal journal, TransferSecrets secrets,
            EngineSettings settings, Clock clock, Sleeper sleeper, RandomGenerator random) {
        EventHub events = new EventHub();
        TokenBucket bucket = new TokenBucket(clock, sleeper, settings.bandwidthLimit());
        this.parts = new EngineParts(journal, events, clock, sleeper, bucket, settings, random, providers,
                java.util.Objects.requireNonNull(secrets, "secrets"));
        this.scheduler = new Scheduler(settings.maxConcurrent(), s -> new Worker(parts, s)::drive);
        List<Job> restored = restore();
        restored.forEach(scheduler::enqueue);
        this.ticker = Thread.ofVirtual().name("ferry-engine-ticker").start(this::tick);
    }

    public static TransferEngine create(Map<String, ? extends Provider> providers, TransferJournal journal) {
        return new TransferEngine(ProviderRegistry.of(providers), journal, EngineSettings.defaults());
    }

    // ---- restore ----

    private List<Job> restore() {
        List<Job> toRun = new ArrayList<>();
        for (Transfer t : parts.journal.loadAll()) {
            Job job = new Job(parts, t, seq.incrementAndGet());
            jobs.put(t.id(), job);
            if (!parts.settings.restoreActive() || parts.providers.find(t.provider()).isEmpty()) {
                continue; // list only: this Ferry cannot run it, so it leaves it exactly as it was
            }
            TransferPhase p = t.phase();
            if (!p.isFinal()) {
                job.sealSecretOptions(parts.providers.find(t.provider()).orElseThrow().secretOptions());
            }
            boolean watch = job.isWatch() && !p.isFinal() && p != TransferPhase.UNKNOWN;
            switch (p) {
                case INITIALIZING, TRANSFERRING, RESUMING, FINALIZING_SUCCESS -> {
                    job.note("restored after restart at " + t.bytesDone() + " bytes");
                    toRun.add(job);
                }
                case FINALIZING_CLEANUP -> {
                    job.note("restored after restart: cleaning up");
                    job.requestCleanup();
                    toRun.add(job);
                }
                case FINALIZING_FAILURE -> job.move(TransferPhase.FINISHED_FAILURE, PhaseAction.SYSTEM, t.phaseReason());
                default -> {
                    if (watch) {
                        job.note("restored after restart: following the remote job again");
                        job.requestWatch();
                        toRun.add(job);
                    }
                }
            }
        }
        return toRun;
    }

    // ---- TransferService ----

    @Override
    public Transfer submit(TransferRequest request) {
        if (parts.closing) {
            throw new IllegalStateException("the transfer engine is closed");
        }
        if (parts.providers.find(request.provider()).isEmpty()) {
            throw new IllegalArgumentException("unknown provider '" + request.provider() + "'; this Ferry has "
                    + parts.providers.ids());
        }
        String name = request.name() == null || request.name().isBlank() ? defaultName(request.source()) : request.name();
        request = withSecretOptionsMoved(request, parts.providers.find(request.provider()).orElseThrow().secretOptions());
        Map<String, String> options = request.options();
        if (!request.secrets().isEmpty()) {
            options = new java.util.HashMap<>(options);
            options.put(TransferRequest.SECRET_OPTIONS, String.join(",", new java.util.TreeSet<>(request.secrets().keySet())));
        }
        Transfer t = Transfer.create(UUID.randomUUID().toString(), request.provider(), request.direction(), name,
                request.source(), request.target(), options, parts.clock.instant());
        Job job = new Job(parts, t, seq.incrementAndGet());
        String notKept = job.holdSecrets(request.secrets());
        jobs.put(t.id(), job);
        job.added();
        if (!notKept.isEmpty()) {
            job.note(notKept);
        }
        Transfer first = job.snapshot();
        scheduler.enqueue(job);
        return first;
    }

    /**
     * The request with the options its provider names as credentials ({@link Provider#secretOptions}) moved into its
     * secrets, each option left holding {@link Provider#SECRET_PLACEHOLDER}: whoever built the request, they never
     * reach the transfer, the journal or an event.
     */
    static TransferRequest withSecretOptionsMoved(TransferRequest request, java.util.Set<String> secretOptions) {
        Map<String, String> options = new java.util.HashMap<>(request.options());
        Map<String, String> secrets = new java.util.HashMap<>(request.secrets());
        boolean moved = false;
        for (String key : secretOptions) {
            String v = options.get(key);
            if (v == null || v.isBlank() || v.startsWith("(")) { // "(…)": a placeholder (Provider#secretOptions)
                continue;
            }
            secrets.putIfAbsent(key, v);
            options.put(key, Provider.SECRET_PLACEHOLDER);
            moved = true;
        }
        if (!moved) {
            return request;
        }
        return new TransferRequest(request.provider(), request.direction(), request.name(), request.source(),
                request.target(), options, secrets);
    }

    private static String defaultName(String source) {
        if (source == null || source.isBlank()) {
            return "";
        }
        try {
            Path f = Path.of(source).getFileName();
            return f == null ? source : f.toString();
        } catch (RuntimeException notAPath) {
            return source;
        }
    }

    @Override
    public void act(String id, PhaseAction action) {
        if (!action.isOperatorAction()) {
            throw new IllegalArgumentException(action.wireName() + " is not an operator action");
        }
        Job job = require(id);
        if (parts.closing) {
            throw new IllegalStateException("the transfer engine is closed; " + action.wireName()
                    + " transfer " + id + " after the next start");
        }
        Transfer before = job.snapshot();
        PhaseTransitions.apply(before.phase(), action); // throws IllegalTransitionException naming both phases
        job.operatorActed(); // a provider waiting for a slot looks at its remote system again
        Provider provider = parts.providers.find(before.provider()).orElse(null);
        Provider.ActionResult result = Provider.ActionResult.LOCAL;
        if (provider != null) {
            try {
                result = provider.act(before, action);
            } catch (TransferException e) {
                job.commitChange(t -> t.withErrors(t.errors().record(e.code(), e.sample())));
                throw new ActionFailedException(id, action, e.code(), e);
            } catch (RuntimeException e) {
                job.commitChange(t -> t.withErrors(t.errors().record(ErrorCode.INTERNAL, t.source(), e.toString())));
                throw new ActionFailedException(id, action, ErrorCode.INTERNAL, e);
            }
        }
        if (result == Provider.ActionResult.REMOTE) {
            if (!job.phase().isFinal() || action == PhaseAction.RETRY || action == PhaseAction.RESUME) {
                job.requestWatch();
                scheduler.enqueue(job);
            }
            return;
        }
        actLocally(job, action);
    }

    private void actLocally(Job job, PhaseAction action) {
        job.lock().lock();
        try {
            TransferPhase phase = job.phase();
            PhaseTransitions.apply(phase, action); // the phase may have moved since the first check
            switch (action) {
                case PAUSE -> pause(job);
                case RESUME -> {
                    job.move(TransferPhase.RESUMING, PhaseAction.RESUME, "resumed by operator");
                    job.failedAttempts = 0;
                    scheduler.enqueue(job);
                    String waiting = scheduler.waitingNote(job); // behind running ones: say so
                    if (waiting != null) {
                        job.note(waiting);
                    }
                }
                case CANCEL -> cancel(job);
                case RETRY -> {
                    job.move(TransferPhase.INITIALIZING, PhaseAction.RETRY, "retry by operator");
                    job.commitChange(t -> t.withBytes(0, t.bytesTotal()).withObjects(0, t.objectsTotal())
                            .withPercent(-1).withCounters(io.ferry.domain.TransferCounters.EMPTY).withTimes(null, null));
                    job.failedAttempts = 0;
                    scheduler.enqueue(job);
                }
                case EXTEND -> {
                    // nothing to renew for a transfer Ferry runs itself: the phase stays
                }
                case FINALIZE -> throw new IllegalStateException("transfer " + job.id() + " is run by Ferry itself ("
                        + job.snapshot().provider() + "): it finalizes on its own once all data is written");
                default -> throw new IllegalArgumentException(action.wireName() + " is not an operator action");
            }
        } finally {
            job.lock().unlock();
        }
    }

    private void pause(Job job) {
        if (scheduler.dequeue(job)) {
            job.move(TransferPhase.PAUSED_USER, PhaseAction.PAUSE, "paused by operator");
        } else {
            job.requestStop(TransferStopped.Why.PAUSE);
            scheduler.enqueue(job); // a running worker looks again before it gives up its slot
        }
    }

    private void cancel(Job job) {
        if (scheduler.isRunning(job)) {
            job.requestStop(TransferStopped.Why.CANCEL);
            scheduler.startNow(job); // running: looked at again by its worker
            return;
        }
        scheduler.dequeue(job);
        job.move(TransferPhase.CANCELLED_USER, PhaseAction.CANCEL, "cancelled by operator");
        job.requestCleanup();
        scheduler.startNow(job);
    }

    @Override
    public void remove(String id) {
        Job job = require(id);
        job.lock().lock();
        try {
            TransferPhase phase = job.phase();
            boolean settled = phase.isFinal() || phase == TransferPhase.UNKNOWN || phase == TransferPhase.PAUSED_USER;
            if (scheduler.isQueued(job) || scheduler.isRunning(job) && !settled) {
                throw new IllegalStateException("transfer " + id + " is " + job.phase().apiName()
                        + " and still running; pause or cancel it before removing it");
            }
            jobs.remove(id);
            if (parts.journalOpen) {
                parts.journal.delete(id);
            }
            job.forgetSecrets();
            job.removed();
        } finally {
            job.lock().unlock();
        }
    }

    @Override
    public List<Transfer> list() {
        return jobs.values().stream()
                .sorted(Comparator.comparingLong(j -> j.seq))
                .map(Job::snapshot)
                .toList();
    }

    @Override
    public Optional<Transfer> get(String id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::snapshot);
    }

    @Override
    public AutoCloseable subscribe(TransferListener listener) {
        return parts.events.subscribe(listener);
    }

    @Override
    public int maxConcurrent() {
        return scheduler.max();
    }

    @Override
    public void setMaxConcurrent(int max) {
        scheduler.setMax(max);
    }

    @Override
    public long bandwidthLimit() {
        return parts.bucket.rate();
    }

    @Override
    public void setBandwidthLimit(long bytesPerSecond) {
        parts.bucket.setRate(bytesPerSecond);
    }

    /**
     * How many transfers hold a slot now (watch jobs not counted, nor transfers that wait: in a retry's backoff or
     * for an operator's resume on a remote system).
     */
    public int runningCount() {
        return scheduler.runningCount();
    }

    private Job require(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw new NoSuchElementException("no transfer with id " + id);
        }
        return job;
    }

    // ---- background: requests from other processes, held-back progress ----

    private void tick() {
        long interval = parts.settings.actionPollInterval().toNanos();
        while (!parts.closing) {
            try {
                for (TransferJournal.PendingAction a : parts.journal.takePendingActions()) {
                    applyPending(a);
                }
                for (Job j : jobs.values()) {
                    j.flushProgressIfDue();
                }
            } catch (RuntimeException e) {
                LOG.warn("Engine housekeeping failed; trying again", e);
            }
            LockSupport.parkNanos(Math.min(interval, Duration.ofSeconds(1).toNanos()));
        }
    }

    private void applyPending(TransferJournal.PendingAction a) {
        try {
            act(a.transferId(), a.action());
        } catch (NoSuchElementException e) {
            LOG.info("Ignoring {} for transfer {}: not known here", a.action().wireName(), a.transferId());
        } catch (RuntimeException e) {
            LOG.warn("Could not apply {} to transfer {}: {}", a.action().wireName(), a.transferId(), e.getMessage());
        }
    }

    /** Stops the workers at their next checkpoint; running transfers stay resumable from it. */
    @Override
    public void close() {
        if (parts.closing) {
            return;
        }
        parts.closing = true;
        LockSupport.unpark(ticker);
        List<Thread> threads = scheduler.close();
        long deadline = System.nanoTime() + parts.settings.shutdownTimeout().toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    LOG.warn("{} did not reach a checkpoint in time; it resumes from its last one", t.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            ticker.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        parts.journalOpen = false;
        parts.events.close(Duration.ofSeconds(2));
    }
}
