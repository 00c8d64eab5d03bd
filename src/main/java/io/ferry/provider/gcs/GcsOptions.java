package io.ferry.provider.gcs;

import io.ferry.domain.Transfer;
import io.ferry.provider.tls.Trust;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The options a {@code gcs} transfer carries (Transfer.options), with their defaults. The transfer's source names
 * what to watch: an operation ({@code transferOperations/…}) or a job ({@code transferJobs/…}: its newest
 * operation, or a new run with {@value #RUN_JOB}=true).
 */
public final class GcsOptions {
    /** Base URL of the API; default {@code https://storagetransfer.googleapis.com/}. */
    public static final String ENDPOINT = "gcs.endpoint";
    /** Path of a service-account JSON key; absent: Application Default Credentials. */
    public static final String CREDENTIALS = "gcs.credentials";
    /** Token endpoint to use instead of the key file's token_uri (a local token server in tests). */
    public static final String TOKEN_URI = "gcs.tokenUri";
    /**
     * PEM file of the CA(s) to trust for the API and the token endpoint instead of the system trust store (a
     * company proxy's CA, a private endpoint). Absent: the system trust store. The hostname is always checked.
     */
    public static final String CA_FILE = "gcs.caFile";
    public static final String PROJECT = "gcs.project";
    /** The operation being watched; set by the provider once known, so a restart never runs a job twice. */
    public static final String OPERATION = "gcs.operation";
    /**
     * Set by Ferry before it sends transferJobs.run: the job's {@code latestOperationName} just before (empty when
     * the job never ran), kept in the store first. A run whose answer was lost (or a Ferry that stopped before
     * storing {@value #OPERATION}) is then recognised by a {@code latestOperationName} that differs from it.
     */
    public static final String RUN_AFTER = "gcs.runAfter";
    /** "true": the source is a job to run now, then follow the operation the run creates. */
    public static final String RUN_JOB = "gcs.runJob";
    /** Poll interval: seconds ("10", "0.5") or an ISO-8601 duration ("PT10S"). Default 10 s. */
    public static final String POLL_INTERVAL = "gcs.pollInterval";
    /** Longest wait between polls while errors repeat. Default 5 min. */
    public static final String MAX_BACKOFF = "gcs.maxBackoff";
    /** Consecutive failed polls before the watcher gives up with the last error. Default 10. */
    public static final String MAX_FAILED_POLLS = "gcs.maxFailedPolls";
    /** Per-call timeout. Default 30 s. */
    public static final String TIMEOUT = "gcs.timeout";

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_FAILED_POLLS = 10;

    private GcsOptions() {}

    public static Duration pollInterval(Transfer t) {
        return duration(t.options(), POLL_INTERVAL, DEFAULT_POLL_INTERVAL);
    }

    public static Duration maxBackoff(Transfer t) {
        return duration(t.options(), MAX_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public static Duration timeout(Map<String, String> options) {
        return duration(options, TIMEOUT, DEFAULT_TIMEOUT);
    }

    public static int maxFailedPolls(Transfer t) {
        String raw = t.options().get(MAX_FAILED_POLLS);
        if (raw == null || raw.isBlank()) {
            return DEFAULT_MAX_FAILED_POLLS;
        }
        try {
            return Math.max(1, Integer.parseInt(raw.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_FAILED_POLLS + " must be a whole number, not \"" + raw + "\"", e);
        }
    }

    /** Builds the credentials these options name, their token endpoint reached with the options' trust. */
    public static GcsAuth auth(Map<String, String> options) {
        Trust trust = trust(options);
        String file = options.get(CREDENTIALS);
        if (file == null || file.isBlank()) {
            return GcsAuth.applicationDefault(trust);
        }
        String tokenUri = options.get(TOKEN_URI);
        return GcsAuth.keyFile(Path.of(file), tokenUri == null || tokenUri.isBlank() ? null : URI.create(tokenUri), trust);
    }

    /**
     * The CA file's certificates, or the system trust store when {@value #CA_FILE} is absent.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    public static Trust trust(Map<String, String> options) {
        try {
            return Trust.systemOr(options.get(CA_FILE));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(CA_FILE + ": " + e.getMessage(), e);
        }
    }

    static Duration duration(Map<String, String> options, String key, Duration dflt) {
        String raw = options.get(key);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        String s = raw.trim();
        try {
            if (s.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
                return Duration.parse(s);
            }
            long millis = new BigDecimal(s).movePointRight(3).longValueExact();
            if (millis < 0) {
                throw new NumberFormatException("negative");
            }
            return Duration.ofMillis(millis);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be seconds (e.g. 10 or 0.5) or an ISO-8601 duration"
                    + " (e.g. PT10S), not \"" + raw + "\"", e);
        }
    }
}
