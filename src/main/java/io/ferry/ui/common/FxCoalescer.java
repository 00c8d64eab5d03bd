package io.ferry.ui.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Carries values from any thread to the FX thread, coalesced: {@link #offer} keeps only the latest value per key in
 * a concurrent map, and one pulse on the FX thread hands everything pending to the applier at once. At most one
 * pulse is scheduled at a time and pulses are at least {@code intervalMillis} apart, so a thousand transfers
 * reporting ten times a second cost at most {@code 1000 / intervalMillis} FX-thread runs per second, never one per
 * event.
 *
 * @param <K> key (the transfer id)
 * @param <V> latest value (the transfer's latest event)
 */
public final class FxCoalescer<K, V> {

    /** Runs a task on the FX thread after a delay (production: a timer thread plus one Platform.runLater). */
    @FunctionalInterface
    public interface PulseScheduler {
        void schedule(Runnable onFxThread, long delayMillis);
    }

    private final ConcurrentHashMap<K, V> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<Map<K, V>> applier;
    private final PulseScheduler scheduler;
    private final long intervalMillis;
    private volatile long lastPulseNanos;
    private volatile long pulses;
    private volatile long applyNanosTotal;
    private volatile long applyNanosMax;
    private volatile long applyCpuNanosMax;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    public FxCoalescer(Consumer<Map<K, V>> applier, PulseScheduler scheduler, long intervalMillis) {
        this.applier = Objects.requireNonNull(applier);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.intervalMillis = intervalMillis;
        this.lastPulseNanos = System.nanoTime() - intervalMillis * 1_000_000;
    }

    /** From any thread: remember {@code value} as the latest for {@code key} and make sure a pulse is coming. */
    public void offer(K key, V value) {
        pending.put(key, value);
        if (scheduled.compareAndSet(false, true)) {
            long sinceLast = (System.nanoTime() - lastPulseNanos) / 1_000_000;
            scheduler.schedule(this::pulse, Math.max(0, intervalMillis - sinceLast));
        }
    }

    /** On the FX thread: applies everything pending in one go. */
    void pulse() {
        lastPulseNanos = System.nanoTime();
        scheduled.set(false);
        if (pending.isEmpty()) {
            return;
        }
        Map<K, V> batch = new LinkedHashMap<>();
        for (K key : pending.keySet()) {
            V v = pending.remove(key);
            if (v != null) {
                batch.put(key, v);
            }
        }
        pulses++;
        long t0 = System.nanoTime();
        long cpu0 = CPU.getCurrentThreadCpuTime();
        applier.accept(batch);
        long took = System.nanoTime() - t0;
        long cpu = CPU.getCurrentThreadCpuTime() - cpu0;
        if (cpu > applyCpuNanosMax) {
            applyCpuNanosMax = cpu;
        }
        applyNanosTotal += took;
        if (took > applyNanosMax) {
            applyNanosMax = took;
        }
    }

    /** Time the applier has spent on the FX thread, in total and in the longest pulse (for the bench). */
    public long applyNanosTotal() {
        return applyNanosTotal;
    }

    public long applyNanosMax() {
        return applyNanosMax;
    }

    /** CPU time of the most expensive pulse so far (wall time minus waiting for a core). */
    public long applyCpuNanosMax() {
        return applyCpuNanosMax;
    }

    /** Starts a new measurement of the longest pulse (after a warm-up). */
    public void resetMax() {
        applyNanosMax = 0;
        applyCpuNanosMax = 0;
    }

    /** Pulses that applied something so far. */
    public long pulses() {
        return pulses;
    }

    public int pendingCount() {
        return pending.size();
    }
}
