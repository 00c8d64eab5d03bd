package io.ferry.cli.gcs;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.Rfc3339;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferContext;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Runs one watch in the foreground for {@code ferry gcs … watch}: holds the transfer, prints each phase change
 * and each new progress line (one live line on a terminal, plain lines otherwise; one JSON object per phase change
 * with {@code --json}), and sleeps for real between polls. Nothing is stored: a foreground watch ends with the
 * process.
 */
final class WatchContext implements TransferContext {
    private final AtomicReference<Transfer> transfer;
    private final PrintWriter out;
    private final boolean json;
    private final boolean live;
    private final Clock clock = Clock.systemUTC();
    private String lastLine = "";

    WatchContext(Transfer start, PrintWriter out, boolean json, boolean live) {
        this.transfer = new AtomicReference<>(start);
        this.out = out;
        this.json = json;
        this.live = live;
    }

    @Override
    public Transfer current() {
        return transfer.get();
    }

    @Override
    public void update(UnaryOperator<Transfer> change) {
        transfer.updateAndGet(change);
    }

    /** The progress line, when it changed (printed after each observation: the watcher updates, then observes). */
    private void printProgress(Transfer t) {
        if (json || t.phase() == TransferPhase.INITIALIZING) {
            return;
        }
        String line = GcsOutput.progressLine(t);
        if (!line.equals(lastLine)) {
            lastLine = line;
            if (live) {
                out.print("\r\033[K" + line);
            } else {
                out.println(line);
            }
            out.flush();
        }
    }

    @Override
    public void moveTo(TransferPhase next, PhaseAction cause, String reason) {
        transfer.updateAndGet(t -> t.withPhase(PhaseTransitions.check(t.phase(), cause, next), clock.instant(), reason));
    }

    @Override
    public void observe(TransferPhase remote, String nativeStatus, String reason) {
        Transfer before = transfer.get();
        Transfer after = transfer.updateAndGet(t -> t.withPhase(remote, clock.instant(), reason).withNativeStatus(nativeStatus));
        if (before.phase() == after.phase() && before.nativeStatus().equals(nativeStatus) && before.history().size() > 1) {
            printProgress(after);
            return;
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "phase");
            m.put("time", Rfc3339.format(clock.instant()));
            m.put("phase", remote.apiName());
            m.put("status", nativeStatus);
            m.put("reason", reason);
            out.println(GcsOutput.compactJson(m));
        } else {
            if (live && !lastLine.isEmpty()) {
                out.println();
            }
            lastLine = "";
            out.println("Phase: " + remote.apiName() + (nativeStatus.isEmpty() ? "" : " (" + nativeStatus + ")") + " — " + reason);
        }
        out.flush();
        printProgress(after);
    }

    @Override
    public void recordError(ErrorCode code, ErrorLogEntry sample) {
        transfer.updateAndGet(t -> t.withErrors(t.errors().record(code, sample)));
    }

    @Override
    public void checkpoint() {}

    @Override
    public void acquireBandwidth(long bytes) {}

    @Override
    public void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Ends the live line. */
    void finish() {
        if (live && !lastLine.isEmpty()) {
            out.println();
        }
        out.flush();
    }
}
