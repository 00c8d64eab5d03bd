package io.ferry.provider.ovirt.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Which certificates an HTTPS connection trusts: the system trust store, or the CA certificates of a PEM file
 * (the engine's CA). Verification and the hostname check always stay on; there is no "trust all".
 */
public final class Trust {
    private final List<X509Certificate> cas;

    private Trust(List<X509Certificate> cas) {
        this.cas = List.copyOf(cas);
    }

    public static Trust system() {
        return new Trust(List.of());
    }

    public static Trust pemFile(Path pem) throws IOException {
        return pem(Files.readString(pem, StandardCharsets.US_ASCII), pem.toString());
    }

    /** Parses every certificate in PEM text; fails with a clear message when there is none. */
    public static Trust pem(String pemText, String origin) throws IOException {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(pemText.getBytes(StandardCharsets.US_ASCII)))) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new IOException(origin + " holds no PEM certificate; give the engine's CA certificate "
                        + "(https://ENGINE/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA)");
            }
            return new Trust(certs);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(origin + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    public boolean isSystem() {
        return cas.isEmpty();
    }

    public List<X509Certificate> certificates() {
        return cas;
    }

    /** SHA-256 of the first certificate, as the colon-separated upper-case hex operators compare. */
    public String sha256Fingerprint() {
        if (cas.isEmpty()) {
            return "";
        }
        return fingerprint(cas.getFirst());
    }

    public static String fingerprint(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d).toUpperCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client builder that trusts these certificates (or the system's), with hostname checks as OkHttp does. */
    public OkHttpClient.Builder apply(OkHttpClient.Builder b) {
        if (cas.isEmpty()) {
            return b;
        }
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : cas) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            X509TrustManager tm = null;
            for (TrustManager t : tmf.getTrustManagers()) {
                if (t instanceof javax.net.ssl.X509ExtendedTrustManager x) {
                    tm = new NamingTrustManager(x);
                } else if (t instanceof X509TrustManager x && tm == null) {
                    tm = x;
                }
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {tm}, null);
            return b.sslSocketFactory(ssl.getSocketFactory(), tm);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store from the CA certificates: " + e.getMessage(), e);
        }
    }
}
