package io.ferry.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for errors whose code says retry (UNAVAILABLE, DEADLINE_EXCEEDED:
 * the call; ABORTED: the step). Attempt {@code n} (1 for the first retry) waits
 * {@code min(cap, base × factor^(n-1))}, shortened by a random share of at most {@code jitter} (0 = none,
 * 0.5 = between half and all of it).
 *
 * @param maxAttempts how many times the provider runs in all before the transfer fails (1 = never retry)
 */
public record RetryPolicy(Duration base, double factor, Duration cap, int maxAttempts, double jitter) {
    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || cap.isNegative()) {
            throw new IllegalArgumentException("backoff base and cap must not be negative");
        }
        if (factor < 1.0) {
            throw new IllegalArgumentException("backoff factor must be at least 1: " + factor);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1: " + maxAttempts);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
    }

    /** 1 s, doubling, at most 2 min, 5 attempts, up to half the delay taken off at random. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(2), 5, 0.5);
    }

    /** The delay before retry {@code n} (1-based) without jitter. */
    public Duration nominalDelay(int n) {
        double nanos = base.toNanos() * Math.pow(factor, Math.max(0, n - 1));
        return nanos >= cap.toNanos() ? cap : Duration.ofNanos((long) nanos);
    }

    /** The delay before retry {@code n} (1-based), jittered: in [nominal × (1 − jitter), nominal]. */
    public Duration delay(int n, RandomGenerator random) {
        long nominal = nominalDelay(n).toNanos();
        double cut = jitter * random.nextDouble();
        return Duration.ofNanos(Math.round(nominal * (1.0 - cut)));
    }

    public RetryPolicy withMaxAttempts(int n) {
        return new RetryPolicy(base, factor, cap, n, jitter);
    }
}
