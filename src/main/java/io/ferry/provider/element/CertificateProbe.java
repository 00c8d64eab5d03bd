package io.ferry.provider.element;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads the certificate a cluster presents, so the operator can confirm its fingerprint before Ferry pins it.
 * Only a TLS handshake is made: no request is sent and no credentials leave the machine.
 */
public final class CertificateProbe {

    /** What the server presented. */
    public record Presented(String sha256, String subject, String issuer, Instant notBefore, Instant notAfter) {}

    private CertificateProbe() {}

    public static Presented probe(String endpoint, Duration timeout) throws IOException {
        URI u = URI.create(endpoint.trim());
        int port = u.getPort() < 0 ? 443 : u.getPort();
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        X509TrustManager recorder = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                if (chain != null && chain.length > 0) {
                    seen.set(chain[0]);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {recorder}, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                s.connect(new InetSocketAddress(u.getHost(), port), (int) timeout.toMillis());
                s.setSoTimeout((int) timeout.toMillis());
                s.startHandshake();
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
        X509Certificate c = seen.get();
        if (c == null) {
            throw new IOException(endpoint + " presented no certificate");
        }
        return new Presented(PinnedCertificateTrust.fingerprint(c), c.getSubjectX500Principal().getName(),
                c.getIssuerX500Principal().getName(), c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }
}
