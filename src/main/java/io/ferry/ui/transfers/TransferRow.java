package io.ferry.ui.transfers;

import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import java.time.Duration;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One row of the transfer table: the latest snapshot of a transfer plus what the UI derives from successive
 * snapshots (speed as a smoothed rate of bytes over time, time left). Updated only on the FX thread by
 * {@link TransfersViewModel}; cells format the values lazily, so 10,000 rows cost a few properties each.
 */
public final class TransferRow {
    /** Seconds over which the speed is smoothed. */
    private static final double SMOOTHING_SECONDS = 2.0;

    private final String id;
    private final ReadOnlyObjectWrapper<Transfer> transfer = new ReadOnlyObjectWrapper<>(this, "transfer");
    private final ReadOnlyObjectWrapper<TransferPhase> phase = new ReadOnlyObjectWrapper<>(this, "phase");
    /** 0–1 for a bar, -1 for an indeterminate bar (active, total unknown). */
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    /** Bytes per second, 0 when not moving. */
    private final ReadOnlyDoubleWrapper speed = new ReadOnlyDoubleWrapper(this, "speed");
    private final ReadOnlyObjectWrapper<Duration> eta = new ReadOnlyObjectWrapper<>(this, "eta");

    private long lastBytes = -1;
    private long lastNanos;

    public TransferRow(Transfer first, long nowNanos) {
        this.id = first.id();
        update(first, nowNanos);
    }

    /** Takes a newer snapshot; {@code nowNanos} is when it was applied (for the speed). */
    public void update(Transfer t, long nowNanos) {
        TransferPhase p = t.phase();
        if (p.isActive() && lastBytes >= 0 && t.bytesDone() >= lastBytes && nowNanos > lastNanos) {
            double dt = (nowNanos - lastNanos) / 1e9;
            double instant = (t.bytesDone() - lastBytes) / dt;
            double alpha = 1 - Math.exp(-dt / SMOOTHING_SECONDS);
            speed.set(speed.get() <= 0 ? instant : speed.get() + alpha * (instant - speed.get()));
        } else if (!p.isActive()) {
            speed.set(0);
        }
        lastBytes = t.bytesDone();
        lastNanos = nowNanos;

        progress.set(progressOf(t));
        if (p.isActive() && t.bytesTotal() > 0 && speed.get() > 0) {
            long left = Math.max(0, t.bytesTotal() - t.bytesDone());
            eta.set(Duration.ofMillis(Math.round(left / speed.get() * 1000)));
        } else {
            eta.set(null);
        }
        transfer.set(t);
        phase.set(p);
    }

    /** 0–1, or -1 for an indeterminate bar: active with nothing to measure progress by. */
    public static double progressOf(Transfer t) {
        double pct = t.progressPercent();
        if (pct >= 0) {
            return pct / 100.0;
        }
        return t.phase().isActive() ? -1 : 0;
    }

    public String id() {
        return id;
    }

    public Transfer transfer() {
        return transfer.get();
    }

    public ReadOnlyObjectProperty<Transfer> transferProperty() {
        return transfer.getReadOnlyProperty();
    }

    public TransferPhase phase() {
        return phase.get();
    }

    public ReadOnlyObjectProperty<TransferPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public double progress() {
        return progress.get();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public double speed() {
        return speed.get();
    }

    public ReadOnlyDoubleProperty speedProperty() {
        return speed.getReadOnlyProperty();
    }

    public Duration eta() {
        return eta.get();
    }

    public ReadOnlyObjectProperty<Duration> etaProperty() {
        return eta.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return "TransferRow[" + id + " " + phase.get() + "]";
    }
}
