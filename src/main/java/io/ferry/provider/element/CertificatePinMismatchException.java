package io.ferry.provider.element;

import java.security.cert.CertificateException;

/** The server presented a certificate other than the pinned one (or none was pinned yet). */
public final class CertificatePinMismatchException extends CertificateException {
    private final String presented;
    private final String pinned;

    public CertificatePinMismatchException(String presented, String pinned) {
        super(pinned.isEmpty()
                ? "no certificate is pinned for this cluster yet; it presents SHA-256 fingerprint " + presented
                        + ". Check it against the cluster (e.g. on the node console) and pin it to connect"
                : "the cluster presented a certificate with SHA-256 fingerprint " + presented
                        + ", not the pinned " + pinned
                        + ". If the cluster's certificate was replaced, confirm the new fingerprint and pin it");
        this.presented = presented;
        this.pinned = pinned;
    }

    public String presented() {
        return presented;
    }

    public String pinned() {
        return pinned;
    }
}
