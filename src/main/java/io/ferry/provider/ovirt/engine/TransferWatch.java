package io.ferry.provider.ovirt.engine;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.ovirt.engine.EngineModel.Disk;
import io.ferry.provider.ovirt.engine.EngineModel.ImageTransfer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Follows an image transfer (and its disk) on the engine: polls with backoff (not a busy loop), reports every
 * phase it sees as it is, and knows the flows of oVirt's own SDK examples: wait while initializing or resuming,
 * finalize and wait until the transfer is gone or finished, cancel and wait for the cleanup.
 */
public final class TransferWatch {
    /** Sleeps between polls; the provider's wakes early for a pause or cancel. */
    public interface Sleeper {
        void sleep(Duration d) throws TransferStopped, InterruptedException;
    }

    /** Hears each phase the engine reports (raw text, and the domain phase it maps to; unknown if unmapped). */
    public interface Observer {
        void observed(TransferPhase phase, String rawPhase, String reason);
    }

    public record Backoff(Duration first, Duration max, Duration timeout) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(10));

        public Duration next(Duration d) {
            long ms = Math.min(max.toMillis(), Math.max(first.toMillis(), (long) (d.toMillis() * 1.5)));
            return Duration.ofMillis(ms);
        }
    }

    private final EngineClient engine;
    private final Sleeper sleeper;
    private final Observer observer;
    private final Clock clock;
    private final Backoff backoff;
    private String lastRaw = "";

    public TransferWatch(EngineClient engine, Sleeper sleeper, Observer observer, Clock clock, Backoff backoff) {
        this.engine = engine;
        this.sleeper = sleeper;
        this.observer = observer;
        this.clock = clock;
        this.backoff = backoff;
    }

    public static TransferPhase phaseOf(String raw) {
        return TransferPhase.fromApiName(raw).orElse(TransferPhase.UNKNOWN);
    }

    /** Reports a phase once per change. */
    public void report(ImageTransfer t, String reason) {
        if (!t.phase().equals(lastRaw)) {
            lastRaw = t.phase();
            observer.observed(phaseOf(t.phase()), t.phase(), reason);
        }
    }

    public Optional<ImageTransfer> poll(String transferId) throws TransferException, InterruptedException {
        Optional<ImageTransfer> t = engine.findTransfer(transferId);
        t.ifPresent(x -> report(x, "reported by the engine"));
        return t;
    }

    /** Polls until the disk is ok (after creating it: locked while the engine allocates it). */
    public Disk waitDiskOk(String diskId) throws TransferException, TransferStopped, InterruptedException {
        Instant deadline = clock.instant().plus(backoff.timeout());
        Duration d = backoff.first();
        while (true) {
            Disk disk = engine.disk(diskId);
            if (disk.isOk()) {
                return disk;
            }
            if (disk.isIllegal()) {
                throw new TransferException(ErrorCode.FAILED_PRECONDITION, "disks/" + diskId,
                        "disk " + disk.name() + " is illegal on the engine; remove it and try again");
            }
            if (clock.instant().isAfter(deadline)) {
                throw new TransferException(ErrorCode.DEADLINE_EXCEEDED, "disks/" + diskId,
                        "disk " + disk.name() + " is still " + disk.status() + " after " + backoff.timeout());
            }
            sleeper.sleep(d);
            d = backoff.next(d);
        }
    }

    /**
     * Polls while the phase is initializing or resuming and returns the transfer in the phase it then has
     * (transferring, or paused_system when the session could not be set up, or anything else the engine says).
     */
    public ImageTransfer waitReady(String transferId) throws TransferException, TransferStopped, InterruptedException {
        Instant deadline = clock.instant().plus(backoff.timeout());
        Duration d = backoff.first();
        while (true) {
            ImageTransfer t = poll(transferId).orElseThrow(() -> new TransferException(ErrorCode.NOT_FOUND,
                    "imagetransfers/" + transferId, "the engine removed the transfer while it was being set up"));
            TransferPhase p = phaseOf(t.phase());
            if (p != TransferPhase.INITIALIZING && p != TransferPhase.RESUMING) {
                return t;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new TransferException(ErrorCode.DEADLINE_EXCEEDED, "imagetransfers/" + transferId,
                        "the transfer is still " + t.phase() + " after " + backoff.timeout());
            }
            sleeper.sleep(d);
            d = backoff.next(d);
        }
    }

    /** How a finalized transfer ended. */
    public record Outcome(boolean success, String reason) {}

    /**
     * POST finalize, then poll until the transfer is finished or gone (404); then the disk decides: ok is
     * success, illegal or removed is failure. A transfer the engine pauses while finalizing failed too.
     */
    public Outcome finalizeAndWait(String transferId, String diskId)
            throws TransferException, TransferStopped, InterruptedException {
        engine.action(transferId, "finalize");
        Instant deadline = clock.instant().plus(backoff.timeout());
        Duration d = backoff.first();
        while (true) {
            Optional<ImageTransfer> t = poll(transferId);
            if (t.isEmpty()) {
                break;
            }
            TransferPhase p = phaseOf(t.get().phase());
            if (p == TransferPhase.FINISHED_SUCCESS) {
                return new Outcome(true, "finished_success");
            }
            if (p == TransferPhase.FINISHED_FAILURE) {
                return new Outcome(false, "the engine reports finished_failure: the image failed verification"
                        + diskState(diskId));
            }
            if (p == TransferPhase.PAUSED_SYSTEM) {
                return new Outcome(false, "the engine paused the transfer while finalizing (paused_system)"
                        + diskState(diskId));
            }
            if (p.isFinal() || p == TransferPhase.FINALIZING_CLEANUP) {
                return new Outcome(false, "the transfer ended as " + t.get().phase());
            }
            if (clock.instant().isAfter(deadline)) {
                throw new TransferException(ErrorCode.DEADLINE_EXCEEDED, "imagetransfers/" + transferId,
                        "still " + t.get().phase() + " " + backoff.timeout() + " after finalize");
            }
            sleeper.sleep(d);
            d = backoff.next(d);
        }
        Optional<Disk> disk = engine.findDisk(diskId);
        if (disk.isEmpty()) {
            return new Outcome(false, "the engine removed disk " + diskId + " after finalize: verification failed");
        }
        if (disk.get().isOk()) {
            return new Outcome(true, "transfer removed, disk ok");
        }
        return new Outcome(false, "disk " + disk.get().name() + " is " + disk.get().status() + " after finalize");
    }

    private String diskState(String diskId) {
        try {
            return engine.findDisk(diskId).map(x -> "; disk is " + x.status()).orElse("; disk removed");
        } catch (TransferException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "";
        }
    }

    /** POST cancel (the engine removes a partial upload's disk), then poll until gone or finished_cleanup. */
    public void cancelAndWait(String transferId) throws TransferException, InterruptedException {
        try {
            engine.action(transferId, "cancel");
        } catch (TransferException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return;
            }
            throw e;
        }
        Instant deadline = clock.instant().plus(Duration.ofMinutes(2));
        Duration d = backoff.first();
        while (clock.instant().isBefore(deadline)) {
            Optional<ImageTransfer> t = poll(transferId);
            if (t.isEmpty() || phaseOf(t.get().phase()) == TransferPhase.FINISHED_CLEANUP) {
                return;
            }
            Thread.sleep(d.toMillis()); // the operator asked for this: no pause or cancel can interrupt it
            d = backoff.next(d);
        }
    }

    /**
     * POST resume on a paused transfer and poll while resuming; returns the transfer in its next phase
     * (transferring, or paused_system again).
     */
    public ImageTransfer resume(String transferId) throws TransferException, TransferStopped, InterruptedException {
        engine.action(transferId, "resume");
        return waitReady(transferId);
    }
}
