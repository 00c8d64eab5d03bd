package io.ferry.provider.ovirt.http;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust manager for the configured CA, unchanged, except that a refused server certificate is reported
 * with its subject and SHA-256 fingerprint, so the operator can compare what was presented with what they expect.
 */
final class NamingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;

    NamingTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    private static CertificateException named(X509Certificate[] chain, CertificateException e) {
        if (chain == null || chain.length == 0) {
            return e;
        }
        return new CertificateException("the server presented " + chain[0].getSubjectX500Principal().getName()
                + " (SHA-256 " + Trust.fingerprint(chain[0]) + "), issued by "
                + chain[0].getIssuerX500Principal().getName() + ", which the configured CA does not vouch for: "
                + e.getMessage(), e);
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
