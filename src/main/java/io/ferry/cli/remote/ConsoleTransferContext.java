package io.ferry.cli.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferStopped;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Runs one watcher provider in the foreground of a CLI command, printing a line whenever the phase, native
 * status, percent or reason changes (with {@code --json}: one JSON object per change), and every error recorded
 * along the way; while a provider moves data itself, a line per 10 % of the bytes. Ctrl-C ends the process;
 * nothing here pauses or cancels a watched remote job ({@link #requestCancel} is for commands that move data).
 */
public final class ConsoleTransferContext implements TransferContext {
    private final AtomicReference<Transfer> current;
    private final PrintWriter out;
    private final boolean json;
    private final ObjectMapper mapper;
    private final Clock clock;
    private String lastLine = "";
    private long lastStep = -1;
    private volatile boolean cancelRequested;
    private final java.util.Map<String, String> secrets;

    public ConsoleTransferContext(Transfer initial, PrintWriter out, boolean json, ObjectMapper mapper, Clock clock) {
        this(initial, out, json, mapper, clock, java.util.Map.of());
    }

    /**
     * @param secrets the transfer's secrets (Element script parameters), held in memory only for the provider's
     *                {@link #secret} and never in the transfer: nothing here is stored, and a restart starts anew
     */
    public ConsoleTransferContext(Transfer initial, PrintWriter out, boolean json, ObjectMapper mapper, Clock clock,
            java.util.Map<String, String> secrets) {
        this.secrets = new java.util.concurrent.ConcurrentHashMap<>(secrets);
        this.current = new AtomicReference<>(initial);
        this.out = out;
        this.json = json;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Transfer current() {
        return current.get();
    }

    @Override
    public java.util.Optional<String> secret(String name) {
        return java.util.Optional.ofNullable(secrets.get(name));
    }

    @Override
    public void forgetSecret(String name) {
        secrets.remove(name);
    }

    @Override
    public void update(UnaryOperator<Transfer> change) {
        current.updateAndGet(change);
    }

    @Override
    public void moveTo(TransferPhase next, PhaseAction cause, String reason) {
        Transfer t = current.get();
        PhaseTransitions.check(t.phase(), cause, next);
        current.set(t.withPhase(next, clock.instant(), reason));
        print();
    }

    @Override
    public void observe(TransferPhase remote, String nativeStatus, String reason) {
        current.updateAndGet(t -> t.withPhase(remote, clock.instant(), reason).withNativeStatus(nativeStatus));
        print();
    }

    private synchronized void print() {
        Transfer t = current.get();
        String line = line(t);
        if (line.equals(lastLine)) {
            return;
        }
        lastLine = line;
        if (json) {
            out.println(write(TransferJson.phaseChange(t, clock.instant())));
        } else {
            out.println(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "  " + line);
            for (SubJob s : t.subJobs()) {
                out.println("    └ " + s.id() + "  " + s.type() + "  " + s.phase().apiName() + " (" + s.nativeStatus() + ")"
                        + (s.errorCode().isEmpty() ? "" : "  " + s.errorCode()) + (s.failReason().isEmpty() ? "" : ": " + s.failReason()));
            }
        }
        out.flush();
    }

    static String line(Transfer t) {
        double p = t.progressPercent();
        return String.format(Locale.ROOT, "%-17s %-10s %5s  %s", t.phase().apiName(), t.nativeStatus().isEmpty() ? "-" : t.nativeStatus(),
                p < 0 ? "" : String.format(Locale.ROOT, "%.0f%%", p), t.phaseReason());
    }

    @Override
    public void recordError(ErrorCode code, ErrorLogEntry sample) {
        current.updateAndGet(t -> t.withErrors(t.errors().record(code, sample)));
        if (!json) {
            out.println("    ! " + code.name() + ": " + String.join("; ", sample.errorDetails())
                    + (sample.url().isEmpty() ? "" : " (" + sample.url() + ")"));
            out.flush();
        }
    }

    /**
     * Asks the provider to stop as an operator's cancel would (Ctrl-C while Ferry moves data): its next checkpoint
     * or sleep throws {@link TransferStopped} CANCEL, so it can tell the remote system and remove partial data.
     */
    public void requestCancel() {
        cancelRequested = true;
    }

    /** A provider moving data checkpoints per chunk: a line each time the progress crosses another 10 %. */
    @Override
    public void checkpoint() throws TransferStopped {
        if (cancelRequested) {
            throw new TransferStopped(TransferStopped.Why.CANCEL);
        }
        Transfer t = current.get();
        if (t.bytesTotal() > 0) {
            long step = (long) Math.floor(t.progressPercent() / 10);
            if (step != lastStep) {
                lastStep = step;
                print();
            }
        }
    }

    @Override
    public void acquireBandwidth(long bytes) {}

    @Override
    public void sleep(Duration d) throws InterruptedException, TransferStopped {
        if (cancelRequested) {
            throw new TransferStopped(TransferStopped.Why.CANCEL);
        }
        Thread.sleep(d.toMillis());
    }

    @Override
    public Clock clock() {
        return clock;
    }

    public String write(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
