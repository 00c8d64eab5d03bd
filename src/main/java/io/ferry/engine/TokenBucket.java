package io.ferry.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The global bandwidth limit: a token bucket shared by every transfer, filled at {@code rate} bytes a second and
 * holding at most a quarter second of it. A caller may take more than is there (a whole chunk); the debt is paid
 * by waiting before the next bytes pass, so over time no more than the rate goes through. Waiters queue fairly;
 * a rate change wakes the one waiting and applies at once.
 */
final class TokenBucket {
    private final Clock clock;
    private final Sleeper sleeper;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicLong version = new AtomicLong();
    private volatile long rate;
    private double tokens; // guarded by lock
    private Instant last; // guarded by lock

    TokenBucket(Clock clock, Sleeper sleeper, long rate) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.rate = rate;
        this.tokens = capacity(rate);
        this.last = clock.instant();
    }

    long rate() {
        return rate;
    }

    /** Bytes per second, 0 for unlimited; takes effect for the bytes not yet let through. */
    void setRate(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth limit must not be negative: " + bytesPerSecond);
        }
        rate = bytesPerSecond;
        version.incrementAndGet();
    }

    /**
     * Blocks until {@code bytes} may pass; returns at once when unlimited, and early (letting them pass) when
     * {@code giveUp} turns true, so a pause or cancel is never held up by the limit.
     */
    void acquire(long bytes, BooleanSupplier giveUp) throws InterruptedException {
        if (bytes <= 0 || rate <= 0) {
            return;
        }
        while (!lock.tryLock(20, TimeUnit.MILLISECONDS)) {
            if (giveUp.getAsBoolean() || rate <= 0) {
                return;
            }
        }
        try {
            while (true) {
                long r = rate;
                if (r <= 0) {
                    return;
                }
                refill(r);
                if (tokens >= 0) {
                    tokens -= bytes;
                    return;
                }
                long v = version.get();
                long waitNanos = (long) Math.ceil(-tokens * 1e9 / r);
                sleeper.sleep(Duration.ofNanos(waitNanos), () -> version.get() != v || giveUp.getAsBoolean());
                if (giveUp.getAsBoolean()) {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void refill(long r) {
        Instant now = clock.instant();
        long elapsed = Duration.between(last, now).toNanos();
        if (elapsed > 0) {
            tokens = Math.min(capacity(r), tokens + elapsed * (double) r / 1e9);
            last = now;
        }
        tokens = Math.min(tokens, capacity(r));
    }

    private static double capacity(long r) {
        return r / 4.0;
    }
}
