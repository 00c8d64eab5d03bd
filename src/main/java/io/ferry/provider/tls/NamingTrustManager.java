package io.ferry.provider.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust manager for the configured CA (or the system trust store), unchanged, except that a refused server certificate is reported
 * with its subject and SHA-256 fingerprint, so the operator can compare what was presented with what they expect.
 */
final class NamingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final String trusted;

    /** @param trusted what is trusted, for the message: "the system trust store", "CA file /etc/ferry/ca.pem" */
    NamingTrustManager(X509ExtendedTrustManager delegate, String trusted) {
        this.delegate = delegate;
        this.trusted = trusted;
    }

    private CertificateException named(X509Certificate[] chain, CertificateException e) {
        if (chain == null || chain.length == 0) {
            return e;
        }
        String presented = "the server presented " + chain[0].getSubjectX500Principal().getName()
                + " (SHA-256 " + Trust.fingerprint(chain[0]) + "), issued by " + chain[0].getIssuerX500Principal().getName();
        String why = e.getMessage() == null ? "" : e.getMessage();
        if (why.startsWith("No subject alternative") || why.startsWith("No name matching")) {
            // the JDK's endpoint identification (HttpsURLConnection): the chain may be fine, the name is not
            return new CertificateException(presented + ", which does not name the host connected to: " + why, e);
        }
        return new CertificateException(presented + ", which the configured CA (" + trusted + ") does not vouch for: "
                + why, e);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw named(chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw named(chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw named(chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
