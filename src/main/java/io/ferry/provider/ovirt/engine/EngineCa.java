package io.ferry.provider.ovirt.engine;

import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.http.HttpFailures;
import io.ferry.provider.ovirt.http.Redact;
import io.ferry.provider.tls.Trust;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches the engine's CA certificate from its pki-resource URL for the operator to confirm by its SHA-256
 * fingerprint before it is saved. The certificate cannot be verified before it is trusted, so nothing is sent but
 * the GET, and the caller shows the fingerprint; when the engine URL is https the fetched CA is then checked by
 * a normal verified TLS connection to the engine (hostname included) trusting only that CA.
 */
public final class EngineCa {
    private EngineCa() {}

    public record Fetched(String pem, String sha256, boolean matchesEngine) {}

    public static HttpUrl pkiUrl(HttpUrl engineBase) {
        return engineBase.resolve("services/pki-resource").newBuilder()
                .addQueryParameter("resource", "ca-certificate")
                .addQueryParameter("format", "X509-PEM-CA")
                .build();
    }

    /**
     * @param pkiUrl       where to fetch (usually the engine's plain http pki-resource URL)
     * @param engineBase   the engine's https base URL, to check the CA against; null to skip that check
     */
    public static Fetched fetch(OkHttpClient plain, HttpUrl pkiUrl, HttpUrl engineBase)
            throws TransferException, InterruptedException, IOException {
        String pem;
        try (Response r = plain.newCall(new Request.Builder().url(pkiUrl).build()).execute()) {
            if (!r.isSuccessful()) {
                throw HttpFailures.fromResponse("GET pki-resource", r);
            }
            pem = r.body().string();
        } catch (IOException e) {
            throw HttpFailures.fromIo("GET pki-resource", Redact.url(pkiUrl), e);
        }
        Trust t = Trust.pem(pem, Redact.url(pkiUrl));
        boolean matches = false;
        if (engineBase != null && engineBase.isHttps()) {
            OkHttpClient verified = t.apply(plain.newBuilder()).build();
            try (Response r = verified.newCall(new Request.Builder().url(engineBase.resolve("services/pki-resource")
                    .newBuilder().addQueryParameter("resource", "ca-certificate")
                    .addQueryParameter("format", "X509-PEM-CA").build()).build()).execute()) {
                matches = r.handshake() != null; // the TLS handshake verified the engine's certificate against this CA
            } catch (javax.net.ssl.SSLException e) {
                matches = false;
            }
        }
        return new Fetched(pem, t.sha256Fingerprint(), matches);
    }
}
