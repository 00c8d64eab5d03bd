package io.ferry.app;

import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.engine.EngineCa;
import io.ferry.provider.ovirt.http.Trust;
import io.ferry.ui.connections.ConnectionException;
import io.ferry.ui.connections.ConnectionsPort.Certificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** The network side of {@link AppConnections}: certificates fetched for the operator to confirm, and HTTP clients. */
final class RemoteChecks {
    private final OkHttpClient base;

    RemoteChecks(OkHttpClient base) {
        this.base = base;
    }

    OkHttpClient with(Trust trust) {
        return trust.apply(base.newBuilder()).build();
    }

    /** The engine CA from pki-resource; when the engine is https, also whether its certificate is signed by it. */
    Certificate engineCa(HttpUrl pki, HttpUrl engineBase) throws ConnectionException {
        try {
            EngineCa.Fetched f = EngineCa.fetch(base, pki, engineBase);
            Trust t = Trust.pem(f.pem(), pki.toString());
            String subject = t.certificates().isEmpty() ? "" : t.certificates().getFirst().getSubjectX500Principal().getName();
            String note = !engineBase.isHttps() ? "The engine URL is plain http: nothing else could be checked."
                    : f.matchesEngine() ? "The engine’s https certificate is signed by this CA."
                    : "Warning: the engine’s https certificate is NOT signed by this CA.";
            return new Certificate(f.pem(), f.sha256(), subject, note);
        } catch (TransferException e) {
            throw new ConnectionException(e.code() + ": " + e.getMessage() + " (" + pki + ")", e);
        } catch (IOException e) {
            throw new ConnectionException("No certificate could be read from " + pki + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while fetching the engine CA.", e);
        }
    }

    /**
     * The certificate a TLS server presents (Element's self-signed MVIP certificate). The handshake is stopped by
     * a trust manager that records the chain and then refuses it, so nothing is ever sent over an unverified
     * connection: this only reads the certificate for the operator to compare and pin.
     */
    Certificate serverCertificate(String address, int defaultPort) throws ConnectionException {
        String a = address.strip().replaceFirst("^https://", "");
        int slash = a.indexOf('/');
        if (slash >= 0) {
            a = a.substring(0, slash);
        }
        String host = a;
        int port = defaultPort;
        int colon = a.lastIndexOf(':');
        if (colon > 0 && a.indexOf(':') == colon) {
            host = a.substring(0, colon);
            try {
                port = Integer.parseInt(a.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConnectionException("\"" + address + "\" is not host or host:port.");
            }
        }
        AtomicReference<X509Certificate[]> seen = new AtomicReference<>();
        X509TrustManager recordAndRefuse = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("client certificates are not checked here");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                seen.set(chain.clone());
                throw new CertificateException("recorded for the operator to confirm; not trusted");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new X509TrustManager[] {recordAndRefuse}, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                s.connect(new InetSocketAddress(host, port), 10_000);
                s.setSoTimeout(10_000);
                s.startHandshake();
            } catch (SSLException expected) {
                // the trust manager refused on purpose once it had the chain
            }
        } catch (IOException e) {
            throw new ConnectionException("Could not connect to " + host + ":" + port + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ConnectionException("TLS is not available: " + e.getMessage(), e);
        }
        X509Certificate[] chain = seen.get();
        if (chain == null || chain.length == 0) {
            throw new ConnectionException(host + ":" + port + " did not present a certificate.");
        }
        X509Certificate leaf = chain[0];
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(leaf.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return new Certificate(pem, Trust.fingerprint(leaf), leaf.getSubjectX500Principal().getName(),
                    "Valid until " + leaf.getNotAfter().toInstant() + ".");
        } catch (CertificateException e) {
            throw new ConnectionException("The certificate of " + host + " could not be encoded: " + e.getMessage(), e);
        }
    }
}
