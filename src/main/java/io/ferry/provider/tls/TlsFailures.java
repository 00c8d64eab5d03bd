package io.ferry.provider.tls;

import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Says in one line why a TLS connection was refused because of the server's certificate: not vouched for by the
 * trusted CAs (the message of {@link NamingTrustManager} names the presented subject and SHA-256 fingerprint), or
 * issued for another hostname. Retrying cannot help either; the operator fixes the profile's CA file or endpoint.
 */
public final class TlsFailures {
    private TlsFailures() {}

    /**
     * The reason when {@code e} (or a cause) is a refused certificate or hostname, empty for any other failure
     * (a reset during the handshake, a timeout).
     *
     * @param caHint what the operator does about an untrusted CA, e.g. "give the server's CA with --ca-file"
     */
    public static Optional<String> untrusted(Throwable e, String caHint) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SSLPeerUnverifiedException p && p.getMessage() != null && p.getMessage().startsWith("Hostname")) {
                return Optional.of("the server's certificate does not name the host connected to (" + oneLine(p.getMessage())
                        + "); use the hostname the certificate was issued for");
            }
            if (c instanceof SSLHandshakeException || c instanceof SSLPeerUnverifiedException) {
                for (Throwable d = c; d != null; d = d.getCause()) {
                    if (d instanceof CertificateException ce && String.valueOf(ce.getMessage()).contains("does not name the host")) {
                        return Optional.of("the server's certificate was refused: " + firstLine(ce.getMessage())
                                + "; use the hostname the certificate was issued for");
                    }
                    if (d instanceof CertificateException ce) {
                        return Optional.of("the server's certificate is not trusted: " + firstLine(ce.getMessage()) + "; " + caHint);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
