package io.ferry.provider.ovirt.http;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Response;

/** Maps HTTP statuses and network failures onto ErrorCode, always with the (redacted) URL as the sample. */
public final class HttpFailures {
    private static final int MAX_BODY = 400;

    private HttpFailures() {}

    /**
     * 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 NOT_FOUND, 409 ABORTED, 416 OUT_OF_RANGE, 502/503
     * UNAVAILABLE, 504 DEADLINE_EXCEEDED, other 5xx INTERNAL (ErrorCode.fromHttpStatus).
     */
    public static TransferException fromResponse(String what, Response response) {
        String body = "";
        try {
            String text = response.body().string();
            body = text.length() > MAX_BODY ? text.substring(0, MAX_BODY) + "…" : text;
        } catch (IOException | IllegalStateException unreadable) {
            body = "";
        }
        return fromStatus(what, response.code(), Redact.url(response.request().url()), body.strip());
    }

    public static TransferException fromStatus(String what, int status, String redactedUrl, String detail) {
        ErrorCode code = ErrorCode.fromHttpStatus(status);
        String msg = what + " failed: HTTP " + status + (detail == null || detail.isEmpty() ? "" : " " + detail);
        return new TransferException(code, redactedUrl, msg);
    }

    /** Timeouts DEADLINE_EXCEEDED; refused, reset or unreachable UNAVAILABLE; TLS trust failures UNAVAILABLE too. */
    public static TransferException fromIo(String what, String redactedUrl, IOException e) {
        ErrorCode code;
        String detail;
        if (e instanceof SocketTimeoutException || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
            code = ErrorCode.DEADLINE_EXCEEDED;
            detail = what + " timed out";
        } else if (e instanceof SSLPeerUnverifiedException || e instanceof SSLHandshakeException) {
            code = ErrorCode.UNAVAILABLE;
            detail = what + ": the server's certificate is not trusted (" + message(e)
                    + "); give the engine's CA with --ca-file";
        } else if (e instanceof SSLException) {
            code = ErrorCode.UNAVAILABLE;
            detail = what + ": TLS failure: " + message(e);
        } else if (e instanceof UnknownHostException) {
            code = ErrorCode.UNAVAILABLE;
            detail = what + ": unknown host " + message(e);
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            code = ErrorCode.UNAVAILABLE;
            detail = what + ": cannot connect: " + message(e);
        } else {
            code = ErrorCode.UNAVAILABLE;
            detail = what + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + message(e));
        }
        return new TransferException(code, redactedUrl, detail, e);
    }

    /** An I/O exception's message with any imageio ticket in it shown as {@code /images/***}. */
    private static String message(IOException e) {
        return Redact.url(String.valueOf(e.getMessage()));
    }

    /** The server sent fewer bytes than asked for, or bytes that do not match. */
    public static TransferException dataLoss(String redactedUrl, String detail) {
        return new TransferException(ErrorCode.DATA_LOSS, redactedUrl, detail);
    }
}
