package io.ferry.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine's settings.
 *
 * @param maxConcurrent      transfers running at once (watch jobs, which only poll, do not count); default 4
 * @param bandwidthLimit     bytes per second for all transfers together, 0 = unlimited
 * @param retry              backoff for retryable errors
 * @param progressInterval   at most one progress event per transfer this often (100 ms = 10 a second)
 * @param checkpointInterval a progress checkpoint is saved at least this often (1 s) …
 * @param checkpointBytes    … or after this many bytes (64 MiB), whichever comes first
 * @param actionPollInterval how often operator requests from other processes are taken from the journal
 * @param restoreActive      on start, re-queue transfers that were running when Ferry stopped (false: list only)
 * @param shutdownTimeout    how long {@code close()} waits for workers to reach a checkpoint
 */
public record EngineSettings(
        int maxConcurrent,
        long bandwidthLimit,
        RetryPolicy retry,
        Duration progressInterval,
        Duration checkpointInterval,
        long checkpointBytes,
        Duration actionPollInterval,
        boolean restoreActive,
        Duration shutdownTimeout) {

    public static final long CHECKPOINT_BYTES = 64L << 20;

    public EngineSettings {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("max concurrent transfers must be at least 1: " + maxConcurrent);
        }
        if (bandwidthLimit < 0) {
            throw new IllegalArgumentException("bandwidth limit must not be negative: " + bandwidthLimit);
        }
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(actionPollInterval, "actionPollInterval");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (checkpointBytes < 1) {
            throw new IllegalArgumentException("checkpoint bytes must be positive: " + checkpointBytes);
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(4, 0, RetryPolicy.defaults(), Duration.ofMillis(100), Duration.ofSeconds(1),
                CHECKPOINT_BYTES, Duration.ofMillis(250), true, Duration.ofSeconds(10));
    }

    public EngineSettings withMaxConcurrent(int n) {
        return new EngineSettings(n, bandwidthLimit, retry, progressInterval, checkpointInterval, checkpointBytes,
                actionPollInterval, restoreActive, shutdownTimeout);
    }

    public EngineSettings withBandwidthLimit(long bytesPerSecond) {
        return new EngineSettings(maxConcurrent, bytesPerSecond, retry, progressInterval, checkpointInterval,
                checkpointBytes, actionPollInterval, restoreActive, shutdownTimeout);
    }

    public EngineSettings withRetry(RetryPolicy r) {
        return new EngineSettings(maxConcurrent, bandwidthLimit, r, progressInterval, checkpointInterval,
                checkpointBytes, actionPollInterval, restoreActive, shutdownTimeout);
    }

    public EngineSettings withRestoreActive(boolean restore) {
        return new EngineSettings(maxConcurrent, bandwidthLimit, retry, progressInterval, checkpointInterval,
                checkpointBytes, actionPollInterval, restore, shutdownTimeout);
    }

    public EngineSettings withShutdownTimeout(Duration d) {
        return new EngineSettings(maxConcurrent, bandwidthLimit, retry, progressInterval, checkpointInterval,
                checkpointBytes, actionPollInterval, restoreActive, d);
    }
}
