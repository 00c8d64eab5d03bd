package io.ferry.provider.remote;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import io.ferry.provider.tls.TlsFailures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns what can go wrong on the wire into {@link TransferException}s an operator can read: timeouts, refused
 * connections, TLS failures, HTML error pages and malformed JSON, each naming the URL and what was received.
 */
public final class RemoteFailures {
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final int SNIPPET = 200;

    private RemoteFailures() {}

    /**
     * A failed call that produced no HTTP response. A refused server certificate or hostname is
     * FAILED_PRECONDITION (retrying cannot help; the message names the presented certificate and what to fix).
     */
    public static TransferException io(IOException e, String url) {
        var tls = TlsFailures.untrusted(e, "give the PEM file of the CA that signed it as the profile's CA file (--ca-file)");
        if (tls.isPresent()) {
            return new TransferException(ErrorCode.FAILED_PRECONDITION, url, tls.get(), e);
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new TransferException(ErrorCode.DEADLINE_EXCEEDED, url, "timed out waiting for the server: " + text(e), e);
        }
        if (e instanceof UnknownHostException) {
            return new TransferException(ErrorCode.UNAVAILABLE, url, "unknown host " + e.getMessage() + ": check the endpoint", e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new TransferException(ErrorCode.UNAVAILABLE, url, "cannot connect: " + text(e), e);
        }
        if (e instanceof SSLException) {
            return new TransferException(ErrorCode.UNAVAILABLE, url, "TLS handshake failed: " + text(e), e);
        }
        return new TransferException(ErrorCode.UNAVAILABLE, url, "connection failed: " + text(e), e);
    }

    /**
     * Whether a call that failed with {@code e} may still have been carried out by the server: false only when the
     * request cannot have left (no connection: refused, unknown host, no route, a connect timeout, a refused
     * certificate); true for a reset, a cut or missing answer, a read timeout.
     */
    public static boolean mayHaveReachedServer(IOException e) {
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof javax.net.ssl.SSLHandshakeException || e instanceof javax.net.ssl.SSLPeerUnverifiedException) {
            return false;
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return !(e instanceof SocketTimeoutException && m.contains("connect"));
    }

    /**
     * A request that starts something (an image import, a bulk volume job) was sent, but no answer came: the server
     * may have started it. UNKNOWN, which nothing retries on its own, so the job is never started twice; the message
     * says what to check before retrying.
     *
     * @param what what was asked, e.g. "import image web"
     * @param check where the operator looks, e.g. "the IMS console's image list"
     */
    public static OutcomeUnknown outcomeUnknown(IOException e, String url, String what, String check) {
        TransferException cause = io(e, url);
        return new OutcomeUnknown(cause, url, what + " was sent but no answer came back (" + cause.code() + ": "
                + cause.getMessage() + "), so it may have started: check " + check + " before retrying, or the job may be started twice", e);
    }

    /**
     * {@link #outcomeUnknown}: UNKNOWN, and {@link #transport()} the failure on the wire as {@link #io} reads it
     * (DEADLINE_EXCEEDED, UNAVAILABLE…) — what a provider that can look the job up reports once it knows the
     * request did not start anything.
     */
    public static final class OutcomeUnknown extends TransferException {
        private final transient TransferException transport;

        OutcomeUnknown(TransferException transport, String url, String detail, Throwable cause) {
            super(ErrorCode.UNKNOWN, url, detail, cause);
            this.transport = transport;
        }

        public TransferException transport() {
            return transport;
        }
    }

    /**
     * A response whose body is not JSON (an HTML error page from a proxy or gateway, plain text). The code follows
     * the HTTP status; a 2xx with a non-JSON body is UNKNOWN.
     */
    public static TransferException notJson(int httpStatus, String contentType, String body, String url) {
        ErrorCode code = httpStatus >= 200 && httpStatus < 300 ? ErrorCode.UNKNOWN : ErrorCode.fromHttpStatus(httpStatus);
        String ct = contentType == null ? "no content type" : contentType;
        String detail;
        if (looksLikeHtml(contentType, body)) {
            Matcher m = TITLE.matcher(body == null ? "" : body);
            String title = m.find() ? m.group(1).strip().replaceAll("\\s+", " ") : "no title";
            detail = "HTTP " + httpStatus + " returned an HTML page instead of JSON (" + ct + ", title: \"" + title + "\")";
        } else {
            detail = "HTTP " + httpStatus + " returned a body that is not JSON (" + ct + "): " + snippet(body);
        }
        return new TransferException(code, url, detail);
    }

    /** A body that claims or looks like JSON but does not parse. */
    public static TransferException malformedJson(int httpStatus, String body, Exception parseError, String url) {
        ErrorCode code = httpStatus >= 200 && httpStatus < 300 ? ErrorCode.UNKNOWN : ErrorCode.fromHttpStatus(httpStatus);
        String why = parseError.getMessage() == null ? parseError.getClass().getSimpleName() : parseError.getMessage().lines().findFirst().orElse("");
        return new TransferException(code, url, "HTTP " + httpStatus + " returned malformed JSON (" + why + "): " + snippet(body), parseError);
    }

    public static boolean looksLikeHtml(String contentType, String body) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
            return true;
        }
        String b = body == null ? "" : body.stripLeading().toLowerCase(Locale.ROOT);
        return b.startsWith("<!doctype html") || b.startsWith("<html");
    }

    public static boolean looksLikeJson(String body) {
        String b = body == null ? "" : body.stripLeading();
        return b.startsWith("{") || b.startsWith("[");
    }

    public static String snippet(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        String s = body.strip().replaceAll("\\s+", " ");
        return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET) + "…";
    }

    private static String text(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
