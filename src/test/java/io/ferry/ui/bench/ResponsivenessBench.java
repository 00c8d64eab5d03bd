package io.ferry.ui.bench;

import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.ui.MainWindow;
import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.settings.InMemorySettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Responsiveness bench (a command, not a test): the real window with 10,000 transfers, 1,000 of which report
 * progress 10 times a second for 30 s (10,000 engine events a second). Prints the FX thread's busy fraction (its CPU
 * time over wall time), the longest FX-thread stall (a 5 ms ping's worst wait: any pulse, layout or drain that
 * blocks input), the longest coalesced drain, pulses applied, and the heap. Targets: under 25 % busy, no pulse over
 * 50 ms, heap under 300 MB.
 *
 * <pre>
 * mvn -B -o -q test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=$JAVA_HOME/bin/java \
 *   -Dexec.args="-Dglass.platform=Headless -Dprism.order=sw -Xmx1g -cp %classpath io.ferry.ui.bench.ResponsivenessBench"
 * </pre>
 */
public final class ResponsivenessBench {
    private static final int ROWS = Integer.getInteger("bench.rows", 10_000);
    private static final int UPDATING = Integer.getInteger("bench.updating", 1_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final long MIB = 1024 * 1024;

    private ResponsivenessBench() {}

    private static long renderCpu(ThreadMXBean threads) {
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("QuantumRenderer")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    public static void main(String[] args) throws Exception {
        Instant now = Instant.now();
        DemoTransfers engine = new DemoTransfers(now);
        Transfer[] live = new Transfer[UPDATING];
        for (int i = 0; i < ROWS; i++) {
            Transfer t = Transfer.create(String.format("t%05d", i), i % 3 == 0 ? "ovirt" : "local", Direction.COPY,
                            "disk-" + i + ".qcow2", "/srv/images/disk-" + i + ".qcow2", "/mnt/archive/disk-" + i + ".qcow2",
                            Map.of(), now)
                    .withPhase(TransferPhase.TRANSFERRING, now, "ready")
                    .withBytes(0, 20L * 1024 * MIB);
            if (i >= UPDATING) {
                t = t.withPhase(i % 2 == 0 ? TransferPhase.FINALIZING_SUCCESS : TransferPhase.PAUSED_USER, now, "history")
                        .withPhase(i % 2 == 0 ? TransferPhase.FINISHED_SUCCESS : TransferPhase.PAUSED_USER, now, "history");
            } else {
                live[i] = t;
            }
            engine.publish(t, 0); // no listener yet: this only fills the engine
        }

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AtomicReference<MainWindow> window = new AtomicReference<>();
        AtomicReference<Thread> fxThread = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            fxThread.set(Thread.currentThread());
            MainWindow w = new MainWindow(engine, new InMemorySettings(),
                    new MainWindow.Environment(ZoneId.systemDefault(), Runnable::run, u -> {}, false));
            Stage stage = new Stage();
            stage.setScene(w.scene());
            stage.setWidth(990);
            stage.setHeight(760);
            stage.show();
            window.set(w);
            shown.countDown();
        });
        if (!shown.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("window did not open in 120 s");
        }
        System.out.printf("rows in table: %d, updating: %d at 10 Hz for %d s%n",
                window.get().transfers().rows().size(), UPDATING, SECONDS);

        // FX-thread stall probe: every 5 ms ask the FX thread to note how long the ask waited
        AtomicLong worstStallNanos = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        Thread prober = Thread.ofPlatform().daemon().name("bench-probe").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (inFlight.compareAndSet(0, System.nanoTime())) {
                    Platform.runLater(() -> {
                        long waited = System.nanoTime() - inFlight.getAndSet(0);
                        worstStallNanos.accumulateAndGet(waited, Math::max);
                    });
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        // the 1,000 updating transfers, 10 times a second
        long rate = 180 * MIB;
        Thread updater = Thread.ofPlatform().daemon().name("bench-engine").start(() -> {
            long next = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                for (int i = 0; i < UPDATING; i++) {
                    Transfer t = live[i];
                    long done = (t.bytesDone() + rate / 10 + i * 1024L) % t.bytesTotal();
                    live[i] = t.withBytes(done, t.bytesTotal());
                    engine.publish(live[i], 0);
                }
                next += 100_000_000L;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });

        // FX-thread work per pulse (CSS + layout), from the scene's own pulse listeners
        AtomicLong layoutStart = new AtomicLong();
        AtomicLong layoutCpuStart = new AtomicLong();
        AtomicLong worstLayoutNanos = new AtomicLong();
        AtomicLong worstLayoutCpuNanos = new AtomicLong();
        AtomicLong layoutPasses = new AtomicLong();
        AtomicLong slowPasses = new AtomicLong();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Platform.runLater(() -> {
            var scene = window.get().scene();
            scene.addPreLayoutPulseListener(() -> {
                layoutStart.set(System.nanoTime());
                layoutCpuStart.set(mx.getCurrentThreadCpuTime());
            });
            scene.addPostLayoutPulseListener(() -> {
                worstLayoutNanos.accumulateAndGet(System.nanoTime() - layoutStart.get(), Math::max);
                long cpuNanos = mx.getCurrentThreadCpuTime() - layoutCpuStart.get();
                worstLayoutCpuNanos.accumulateAndGet(cpuNanos, Math::max);
                layoutPasses.incrementAndGet();
                if (cpuNanos > 16_000_000L) {
                    slowPasses.incrementAndGet();
                }
            });
        });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Thread.sleep(2_000); // warm-up
        worstStallNanos.set(0);
        worstLayoutNanos.set(0);
        worstLayoutCpuNanos.set(0);
        layoutPasses.set(0);
        slowPasses.set(0);
        window.get().transfers().coalescer().resetMax();
        long fxId = fxThread.get().threadId();
        long cpu0 = threads.getThreadCpuTime(fxId);
        long render0 = renderCpu(threads);
        double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long wall0 = System.nanoTime();
        long pulses0 = window.get().transfers().coalescer().pulses();
        long apply0 = window.get().transfers().coalescer().applyNanosTotal();
        long peakHeap = 0;
        for (int s = 0; s < SECONDS * 2; s++) {
            Thread.sleep(500);
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
        }
        long cpu = threads.getThreadCpuTime(fxId) - cpu0;
        long render = renderCpu(threads) - render0;
        long wall = System.nanoTime() - wall0;
        long pulses = window.get().transfers().coalescer().pulses() - pulses0;
        long apply = window.get().transfers().coalescer().applyNanosTotal() - apply0;
        updater.interrupt();
        prober.interrupt();
        System.gc();
        Thread.sleep(500);
        long heapAfterGc = memory.getHeapMemoryUsage().getUsed();

        double busy = 100.0 * cpu / wall;
        double stallMs = worstStallNanos.get() / 1e6;
        double maxDrainMs = window.get().transfers().coalescer().applyNanosMax() / 1e6;
        System.out.printf("FX thread busy:        %5.1f %%   (target < 25 %%)%n", busy);
        System.out.printf("longest CSS+layout pass: %5.1f ms CPU, %5.1f ms wall (wall includes waiting for a core)%n",
                worstLayoutCpuNanos.get() / 1e6, worstLayoutNanos.get() / 1e6);
        System.out.printf("CSS+layout passes:     %d, of which %d over 16 ms CPU%n", layoutPasses.get(), slowPasses.get());
        double maxDrainCpuMs = window.get().transfers().coalescer().applyCpuNanosMax() / 1e6;
        System.out.printf("longest pulse, CPU:    %5.1f ms  (worst CSS+layout + worst drain, target <= 50 ms)%n",
                worstLayoutCpuNanos.get() / 1e6 + maxDrainCpuMs);
        System.out.printf("longest pulse, wall:   %5.1f ms  (same, wall clock: includes waiting for a core on a loaded machine)%n",
                worstLayoutNanos.get() / 1e6 + maxDrainMs);
        System.out.printf("render thread busy:    %5.1f %%   (software pipeline, prism.order=sw)%n", 100.0 * render / wall);
        System.out.printf("machine load average:  %.1f at start, %d cores%n", load0, Runtime.getRuntime().availableProcessors());
        System.out.printf("longest FX stall:      %5.1f ms  (target <= 50 ms; worst wait of a 5 ms ping)%n", stallMs);
        System.out.printf("longest drain:         %5.1f ms CPU, %5.1f ms wall (applying all pending changes at once)%n",
                maxDrainCpuMs, maxDrainMs);
        System.out.printf("pulses applied:        %d in %.1f s (%.1f/s), drain time %.1f %% of wall%n",
                pulses, wall / 1e9, pulses / (wall / 1e9), 100.0 * apply / wall);
        System.out.printf("heap peak / after GC:  %d MB / %d MB (target < 300 MB)%n", peakHeap / MIB, heapAfterGc / MIB);
        double pulseMs = worstLayoutCpuNanos.get() / 1e6 + maxDrainCpuMs;
        System.out.printf("verdict (CPU-based pulse): %s%n", busy < 25 && pulseMs <= 50 && peakHeap < 300 * MIB ? "PASS" : "MISSED A TARGET");
        Platform.exit();
        System.exit(0);
    }
}
