package io.ferry.engine;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How the engine waits (retry backoff, poll intervals, the bandwidth limit). Injected so tests run on a fake
 * clock: a test sleeper advances its clock instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for {@code d}, or less once {@code wakeUp} turns true (a pause, cancel, resume or limit change).
     *
     * @throws InterruptedException when the thread is interrupted
     */
    void sleep(Duration d, BooleanSupplier wakeUp) throws InterruptedException;

    /** Real time: parks in slices of at most 20 ms and checks {@code wakeUp} between them. */
    Sleeper SYSTEM = (d, wakeUp) -> {
        long deadline = System.nanoTime() + Math.max(0, d.toNanos());
        while (!wakeUp.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(left, 20_000_000L));
            if (Thread.interrupted()) {
                throw new InterruptedException("sleep interrupted");
            }
        }
    };
}
