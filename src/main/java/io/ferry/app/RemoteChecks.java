package io.ferry.app;

import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.engine.EngineCa;
import io.ferry.provider.tls.Trust;
import io.ferry.ui.connections.ConnectionException;
import io.ferry.ui.connections.ConnectionsPort.Certificate;
import java.io.IOException;
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
}
