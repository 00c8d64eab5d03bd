package io.ferry.provider.local;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferStopped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A test-only TransferContext: keeps the transfer, checks phase moves against the real table, records errors in
 * the breakdown, keeps the last checkpointed state as "durable" (what a store would have), and can stop the
 * transfer (pause or cancel) at the first checkpoint at or past a chosen byte offset.
 */
final class RecordingContext implements TransferContext {
    private volatile Transfer transfer;
    private volatile Transfer durable;
    private final List<TransferPhase> moves = new CopyOnWriteArrayList<>();
    private volatile long stopAtBytes = Long.MAX_VALUE;
    private volatile TransferStopped.Why stopWhy;
    private volatile int updates;
    private volatile int checkpoints;
    private volatile int progressCheckpoints;
    private volatile long bandwidthAsked;
    private volatile long largestBandwidthAsk;
    private volatile long bytesPerSecond; // 0: unlimited

    RecordingContext(Transfer transfer) {
        this.transfer = transfer;
        this.durable = transfer;
    }

    /** A transfer of {@code source} to {@code target}, already moved to transferring as the engine would. */
    static RecordingContext copy(Path source, Path target, Map<String, String> options) {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        Transfer t = Transfer.create("t-1", LocalProvider.ID, Direction.COPY, source.getFileName().toString(),
                source.toString(), target.toString(), options, now).withPhase(TransferPhase.TRANSFERRING, now, "started");
        return new RecordingContext(t);
    }

    /** A new run of the same transfer after a restart: starts from the durable state, resumed to transferring. */
    RecordingContext restarted() {
        Instant now = Instant.parse("2026-11-23T12:05:00Z");
        Transfer t = durable.withPhase(TransferPhase.PAUSED_SYSTEM, now, "restart")
                .withPhase(TransferPhase.RESUMING, now, "resume")
                .withPhase(TransferPhase.TRANSFERRING, now, "resumed");
        return new RecordingContext(t);
    }

    void stopAt(long bytes, TransferStopped.Why why) {
        stopAtBytes = bytes;
        stopWhy = why;
    }

    Transfer durable() {
        return durable;
    }

    List<TransferPhase> moves() {
        return moves;
    }

    int updates() {
        return updates;
    }

    int checkpoints() {
        return checkpoints;
    }

    /** Checkpoints a second thread took while the provider's thread was inside one long call. */
    int progressCheckpoints() {
        return progressCheckpoints;
    }

    /** Makes {@link #acquireBandwidth} wait as a limit of this many bytes per second would. */
    void limitBandwidth(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public long bandwidthLimit() {
        return bytesPerSecond;
    }

    long largestBandwidthAsk() {
        return largestBandwidthAsk;
    }

    long bandwidthAsked() {
        return bandwidthAsked;
    }

    @Override
    public Transfer current() {
        return transfer;
    }

    @Override
    public synchronized void update(UnaryOperator<Transfer> change) {
        transfer = change.apply(transfer);
        updates++;
    }

    @Override
    public synchronized void moveTo(TransferPhase next, PhaseAction cause, String reason) {
        PhaseTransitions.check(transfer.phase(), cause, next);
        transfer = transfer.withPhase(next, Instant.now(), reason);
        moves.add(next);
    }

    @Override
    public synchronized void observe(TransferPhase remote, String nativeStatus, String reason) {
        transfer = transfer.withPhase(remote, Instant.now(), reason).withNativeStatus(nativeStatus);
    }

    @Override
    public synchronized void recordError(ErrorCode code, ErrorLogEntry sample) {
        transfer = transfer.withErrors(transfer.errors().record(code, sample));
    }

    @Override
    public synchronized void checkpoint() throws TransferStopped {
        checkpoints++;
        durable = transfer;
        if (stopWhy != null && transfer.bytesDone() >= stopAtBytes) {
            TransferStopped.Why why = stopWhy;
            stopWhy = null;
            throw new TransferStopped(why);
        }
    }

    @Override
    public synchronized void checkpointProgress() {
        progressCheckpoints++;
        durable = transfer;
    }

    @Override
    public void acquireBandwidth(long bytes) throws InterruptedException {
        bandwidthAsked += bytes;
        largestBandwidthAsk = Math.max(largestBandwidthAsk, bytes);
        long rate = bytesPerSecond;
        if (rate > 0) {
            Thread.sleep(java.time.Duration.ofNanos(bytes * 1_000_000_000L / rate));
        }
    }

    @Override
    public void sleep(Duration d) throws TransferStopped {
        checkpoint();
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }
}
