package io.ferry.provider.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.OkHttpClient;

/**
 * Which certificates an HTTPS connection trusts: the system trust store, or the CA certificates of a PEM file (a
 * per-profile CA bundle: the oVirt engine's CA, a company CA in front of Storage Transfer or IMS). Verification
 * and the hostname check always stay on; there is no "trust all". A refused certificate is reported with its
 * subject and SHA-256 fingerprint ({@link NamingTrustManager}), for the system store as for a CA file.
 *
 * <p>Used by the oVirt, Storage Transfer and IMS providers. Element pins one certificate instead
 * ({@code element.PinnedCertificateTrust}) and shares {@link #fingerprint}.
 */
public final class Trust {
    private static final Trust SYSTEM = new Trust(List.of(), "the system trust store");

    private final List<X509Certificate> cas;
    private final String origin;
    private volatile Built built;

    private record Built(SSLSocketFactory socketFactory, X509ExtendedTrustManager trustManager) {}

    private Trust(List<X509Certificate> cas, String origin) {
        this.cas = List.copyOf(cas);
        this.origin = origin;
    }

    /** The JDK's trust store (cacerts), the default of every profile. */
    public static Trust system() {
        return SYSTEM;
    }

    /** The system trust store when {@code pemFile} is null or blank, else the CA certificates of that PEM file. */
    public static Trust systemOr(String pemFile) throws IOException {
        return pemFile == null || pemFile.isBlank() ? SYSTEM : pemFile(Path.of(pemFile.strip()));
    }

    /** The CA certificates of a PEM file; fails naming the file when it is missing or holds no certificate. */
    public static Trust pemFile(Path pem) throws IOException {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IOException("CA file " + pem + " does not exist; give the PEM file of the CA that signed the"
                    + " server's certificate", e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException("CA file " + pem + " is not a PEM certificate file (it is not ASCII text)", e);
        }
        return pem(text, "CA file " + pem);
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
                throw new IOException(origin + " holds no PEM certificate; give the CA certificate that signed the"
                        + " server's certificate (for oVirt: https://ENGINE/ovirt-engine/services/pki-resource"
                        + "?resource=ca-certificate&format=X509-PEM-CA)");
            }
            return new Trust(certs, origin);
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

    /** For messages: "the system trust store", "CA file /path/ca.pem", or the origin given to {@link #pem}. */
    public String describe() {
        return origin;
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

    /**
     * A client builder that trusts these certificates (or the system's), with OkHttp's hostname check left as it
     * is. The TLS context is built once per {@code Trust}, so clients sharing one reuse connections.
     */
    public OkHttpClient.Builder apply(OkHttpClient.Builder b) {
        Built t = build();
        return b.sslSocketFactory(t.socketFactory(), t.trustManager());
    }

    /** The socket factory for other HTTP stacks (google-http-client's transport for the OAuth token endpoint). */
    public SSLSocketFactory socketFactory() {
        return build().socketFactory();
    }

    public X509ExtendedTrustManager trustManager() {
        return build().trustManager();
    }

    private Built build() {
        Built b = built;
        if (b == null) {
            synchronized (this) {
                b = built;
                if (b == null) {
                    b = create();
                    built = b;
                }
            }
        }
        return b;
    }

    private Built create() {
        try {
            KeyStore ks = null;
            if (!cas.isEmpty()) {
                ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                for (X509Certificate c : cas) {
                    ks.setCertificateEntry("ca-" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks); // null: the JDK's own trust store
            X509ExtendedTrustManager tm = null;
            for (TrustManager t : tmf.getTrustManagers()) {
                if (t instanceof X509ExtendedTrustManager x) {
                    tm = new NamingTrustManager(x, origin);
                    break;
                }
            }
            if (tm == null) {
                throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {tm}, null);
            return new Built(ssl.getSocketFactory(), tm);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store from " + origin + ": " + e.getMessage(), e);
        }
    }
}
