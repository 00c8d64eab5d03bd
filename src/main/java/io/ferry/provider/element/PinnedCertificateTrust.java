package io.ferry.provider.element;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one server certificate: the leaf whose SHA-256 fingerprint the operator confirmed. Element
 * clusters present self-signed certificates, usually for an IP address, so chain validation cannot succeed and
 * OkHttp's CertificatePinner (which runs after chain validation) cannot help; this trust manager replaces chain
 * validation for one OkHttpClient only (never JVM-wide).
 *
 * <p>Hostnames are not checked ({@link #hostnameVerifier()} accepts any): the pin names one exact certificate,
 * and only the holder of its private key can complete the handshake, so the hostname adds nothing — and MVIP
 * certificates rarely carry the IP as a subject alternative name.
 */
public final class PinnedCertificateTrust implements X509TrustManager {
    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private final byte[] pinned;

    /** @param sha256 the fingerprint, hex with or without colons; blank means nothing is pinned (rejects all) */
    public PinnedCertificateTrust(String sha256) {
        this.pinned = sha256 == null || sha256.isBlank() ? new byte[0] : parseFingerprint(sha256);
    }

    /** Parses a SHA-256 fingerprint written as 64 hex digits, with or without colons or spaces, any case. */
    public static byte[] parseFingerprint(String text) {
        String hex = text.trim().replaceFirst("(?i)^sha-?256[:/ ]*", "").replaceAll("[:\\s]", "");
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint (64 hex digits, colons optional): \"" + text + "\"");
        }
        return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    }

    public static String format(byte[] fingerprint) {
        return HEX.formatHex(fingerprint);
    }

    /** The SHA-256 fingerprint of a certificate's DER encoding, as colon-separated upper-case hex. */
    public static String fingerprint(X509Certificate cert) {
        return io.ferry.provider.tls.Trust.fingerprint(cert);
    }

    public String pinnedFingerprint() {
        return pinned.length == 0 ? "" : format(pinned);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        String presented = fingerprint(chain[0]);
        byte[] actual = parseFingerprint(presented);
        if (pinned.length == 0 || !MessageDigest.isEqual(actual, pinned)) {
            throw new CertificatePinMismatchException(presented, pinnedFingerprint());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only verifies servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    public SSLSocketFactory socketFactory() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {this}, null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** Accepts any hostname: see the class comment. Use only together with this trust manager. */
    public static HostnameVerifier hostnameVerifier() {
        return (host, session) -> true;
    }
}
