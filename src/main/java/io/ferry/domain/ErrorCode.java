package io.ferry.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The 17 google.rpc codes with their HTTP mapping and retry guidance (seed 002): UNAVAILABLE retries the failed
 * call with backoff, and so does DEADLINE_EXCEEDED (a gateway timeout); ABORTED retries the higher-level step;
 * FAILED_PRECONDITION and the other client errors, RESOURCE_EXHAUSTED (429) among them, and the server's own
 * INTERNAL, UNKNOWN, DATA_LOSS and UNIMPLEMENTED, are not retried by the engine: a full disk fails at once with
 * what to do. (A watcher polling a read-only call still backs off on a throttled poll itself: PollLoop.)
 */
public enum ErrorCode {
    OK(0, 200, RetryGuidance.NONE),
    CANCELLED(1, 499, RetryGuidance.NONE),
    UNKNOWN(2, 500, RetryGuidance.NONE),
    INVALID_ARGUMENT(3, 400, RetryGuidance.NONE),
    DEADLINE_EXCEEDED(4, 504, RetryGuidance.RETRY_CALL),
    NOT_FOUND(5, 404, RetryGuidance.NONE),
    ALREADY_EXISTS(6, 409, RetryGuidance.NONE),
    PERMISSION_DENIED(7, 403, RetryGuidance.NONE),
    RESOURCE_EXHAUSTED(8, 429, RetryGuidance.NONE),
    FAILED_PRECONDITION(9, 400, RetryGuidance.NONE),
    ABORTED(10, 409, RetryGuidance.RETRY_STEP),
    OUT_OF_RANGE(11, 400, RetryGuidance.NONE),
    UNIMPLEMENTED(12, 501, RetryGuidance.NONE),
    INTERNAL(13, 500, RetryGuidance.NONE),
    UNAVAILABLE(14, 503, RetryGuidance.RETRY_CALL),
    DATA_LOSS(15, 500, RetryGuidance.NONE),
    UNAUTHENTICATED(16, 401, RetryGuidance.NONE);

    /** What a client should do about an error with this code. */
    public enum RetryGuidance {
        /** Do not retry until the cause is fixed. */
        NONE,
        /** Retry just the failed call, with exponential backoff (UNAVAILABLE, DEADLINE_EXCEEDED). */
        RETRY_CALL,
        /** Retry at a higher level: the whole read-modify-write step (ABORTED). */
        RETRY_STEP
    }

    private final int number;
    private final int httpStatus;
    private final RetryGuidance guidance;

    ErrorCode(int number, int httpStatus, RetryGuidance guidance) {
        this.number = number;
        this.httpStatus = httpStatus;
        this.guidance = guidance;
    }

    /** The google.rpc.Code number. */
    public int number() {
        return number;
    }

    /** The HTTP status google.rpc maps this code to. */
    public int httpStatus() {
        return httpStatus;
    }

    public RetryGuidance guidance() {
        return guidance;
    }

    public boolean isRetryable() {
        return guidance != RetryGuidance.NONE;
    }

    /** By name (as in JSON: "UNAVAILABLE") or number; empty for anything else. Never throws. */
    public static Optional<ErrorCode> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String s = raw.trim();
        try {
            return Optional.of(valueOf(s.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException notAName) {
            try {
                int n = Integer.parseInt(s);
                for (ErrorCode c : values()) {
                    if (c.number == n) {
                        return Optional.of(c);
                    }
                }
            } catch (NumberFormatException ignored) {
                // neither a name nor a number
            }
            return Optional.empty();
        }
    }

    /**
     * The code an HTTP status most likely means, for servers that answer only with a status: 400
     * INVALID_ARGUMENT, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 NOT_FOUND, 409 ABORTED, 416 OUT_OF_RANGE,
     * 429 RESOURCE_EXHAUSTED, 499 CANCELLED, 501 UNIMPLEMENTED, 502/503 UNAVAILABLE, 504 DEADLINE_EXCEEDED,
     * other 5xx INTERNAL, other 4xx FAILED_PRECONDITION.
     */
    public static ErrorCode fromHttpStatus(int status) {
        return switch (status) {
            case 200, 201, 202, 204, 206 -> OK;
            case 400 -> INVALID_ARGUMENT;
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404, 410 -> NOT_FOUND;
            case 408 -> DEADLINE_EXCEEDED;
            case 409 -> ABORTED;
            case 416 -> OUT_OF_RANGE;
            case 429 -> RESOURCE_EXHAUSTED;
            case 499 -> CANCELLED;
            case 501 -> UNIMPLEMENTED;
            case 502, 503 -> UNAVAILABLE;
            case 504 -> DEADLINE_EXCEEDED;
            default -> status >= 500 ? INTERNAL : status >= 400 ? FAILED_PRECONDITION : UNKNOWN;
        };
    }
}
