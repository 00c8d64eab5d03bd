package io.ferry.provider.remote;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Polls a remote job until it reaches a final state: one step per interval, exponential backoff on transient
 * errors (each recorded in the breakdown), and an immediate stop on errors that retrying cannot fix.
 *
 * <p>Transient ({@link #isTransient}): the codes whose guidance is to retry the call (UNAVAILABLE,
 * DEADLINE_EXCEEDED), RESOURCE_EXHAUSTED (a throttled poll), and INTERNAL and UNKNOWN, which is what a gateway's
 * HTML page or a garbled body gives.
 * After {@code maxConsecutiveFailures} in a row the last one is thrown. Everything else (UNAUTHENTICATED,
 * PERMISSION_DENIED, NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION…) is thrown at once.
 */
public final class PollLoop {
    /** Option: the poll interval, as seconds ("5", "0.5") or an ISO-8601 duration ("PT5S"). */
    public static final String OPTION_INTERVAL = "pollInterval";
    /** Option: how many failed polls in a row before giving up. */
    public static final String OPTION_MAX_FAILURES = "pollMaxFailures";

    /** One poll: returns true when the job has reached a final state and polling should stop. */
    @FunctionalInterface
    public interface Step {
        boolean poll() throws TransferException, InterruptedException;
    }

    private final Duration interval;
    private final Duration maxBackoff;
    private final int maxConsecutiveFailures;

    public PollLoop(Duration interval, Duration maxBackoff, int maxConsecutiveFailures) {
        if (interval.isNegative() || maxConsecutiveFailures < 1) {
            throw new IllegalArgumentException("interval must be >= 0 and maxConsecutiveFailures >= 1");
        }
        this.interval = interval;
        this.maxBackoff = maxBackoff.compareTo(interval) < 0 ? interval : maxBackoff;
        this.maxConsecutiveFailures = maxConsecutiveFailures;
    }

    /** The interval and failure limit from the transfer's options, falling back to the given defaults. */
    public static PollLoop fromOptions(Transfer t, Duration defaultInterval) {
        Duration interval = parseInterval(t.option(OPTION_INTERVAL, ""), defaultInterval);
        int max;
        try {
            max = Math.max(1, Integer.parseInt(t.option(OPTION_MAX_FAILURES, "6").trim()));
        } catch (NumberFormatException e) {
            max = 6;
        }
        Duration cap = interval.multipliedBy(32);
        return new PollLoop(interval, cap.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : cap, max);
    }

    static Duration parseInterval(String raw, Duration dflt) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        String s = raw.trim();
        try {
            if (s.startsWith("P") || s.startsWith("p")) {
                Duration d = Duration.parse(s.toUpperCase(java.util.Locale.ROOT));
                return d.isNegative() ? dflt : d;
            }
            double seconds = Double.parseDouble(s);
            return seconds < 0 || Double.isNaN(seconds) ? dflt : Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException | DateTimeParseException e) {
            return dflt;
        }
    }

    public Duration interval() {
        return interval;
    }

    public int maxConsecutiveFailures() {
        return maxConsecutiveFailures;
    }

    /** The wait after {@code failures} failed polls in a row: interval × 2^failures, capped. */
    public Duration backoff(int failures) {
        Duration base = interval.isZero() ? Duration.ofMillis(1) : interval;
        Duration d = base.multipliedBy(1L << Math.min(20, Math.max(0, failures)));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /**
     * Worth another poll after a backoff: the codes whose guidance is to retry the call, plus INTERNAL and UNKNOWN
     * (a gateway's HTML page, a garbled body) and RESOURCE_EXHAUSTED (a poll being rate-limited: HTTP 429, IMS's
     * flow control) — reading a job's status again later is always safe.
     */
    public static boolean isTransient(ErrorCode code) {
        return code.isRetryable() || code == ErrorCode.INTERNAL || code == ErrorCode.UNKNOWN
                || code == ErrorCode.RESOURCE_EXHAUSTED;
    }

    /**
     * Polls until a step says final. {@code checkpoint} (durable progress, pause and cancel) is called between polls
     * once a poll has succeeded — a watcher's first report must be the remote phase, and the engine treats a
     * checkpoint before any observation as a data mover's "session ready"; before that, stops arrive through
     * {@code ctx.sleep}.
     */
    public void run(TransferContext ctx, Step step) throws TransferException, TransferStopped, InterruptedException {
        int failures = 0;
        boolean polled = false;
        while (true) {
            if (polled) {
                ctx.checkpoint();
            }
            try {
                if (step.poll()) {
                    return;
                }
                polled = true;
                failures = 0;
                ctx.sleep(interval);
            } catch (TransferException e) {
                failures++;
                if (!isTransient(e.code()) || failures >= maxConsecutiveFailures) {
                    throw e;
                }
                ctx.recordError(e.code(), e.sample());
                ctx.sleep(backoff(failures));
            }
        }
    }
}
