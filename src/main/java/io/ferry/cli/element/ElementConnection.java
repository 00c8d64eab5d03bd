package io.ferry.cli.element;

import io.ferry.provider.element.CertificateProbe;
import io.ferry.provider.element.ElementClient;
import io.ferry.provider.element.ElementProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options that name a cluster: --endpoint, --api-version, --user, --password, --pin, --timeout. */
public final class ElementConnection {
    @Option(names = "--endpoint", required = true, paramLabel = "URL",
            description = "The cluster's MVIP as https://<MVIP>[:port].")
    String endpoint;

    @Option(names = "--api-version", defaultValue = "9.6", paramLabel = "VERSION",
            description = "JSON-RPC API version in the path /json-rpc/<VERSION>, or auto to use the cluster's current one"
                    + " (GetAPI) (default: ${DEFAULT-VALUE}).")
    String apiVersion;

    @Option(names = "--user", defaultValue = "${env:FERRY_ELEMENT_USER}", paramLabel = "NAME",
            description = "Cluster admin user (default: $FERRY_ELEMENT_USER).")
    String user;

    @Option(names = "--password", defaultValue = "${env:FERRY_ELEMENT_PASSWORD}", interactive = true, arity = "0..1",
            paramLabel = "PASSWORD", description = "Password (default: $FERRY_ELEMENT_PASSWORD; --password alone prompts).")
    String password;

    @Option(names = "--pin", paramLabel = "SHA256",
            description = "SHA-256 fingerprint of the cluster certificate you confirmed (see `ferry element fingerprint`).")
    String pin;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Per-call timeout (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    ElementProfile profile() {
        return new ElementProfile(endpoint, apiVersion, user, password, pin, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    }

    /**
     * A client for the pinned cluster, or null after telling the operator which fingerprint the cluster presents
     * when nothing is pinned yet.
     */
    ElementClient clientOrExplain(PrintWriter err) throws io.ferry.provider.TransferException {
        ElementProfile p = profile();
        if (p.pinnedSha256().isEmpty()) {
            try {
                CertificateProbe.Presented c = CertificateProbe.probe(p.endpoint(), p.timeout());
                err.println("ferry: no certificate pinned for " + p.endpoint() + ". It presents SHA-256 " + c.sha256()
                        + " (subject " + c.subject() + ", valid until " + c.notAfter() + "). Check it against the cluster,"
                        + " then rerun with --pin " + c.sha256());
            } catch (IOException e) {
                err.println("ferry: no certificate pinned for " + p.endpoint() + ", and its certificate could not be read: "
                        + e.getMessage());
            }
            err.flush();
            return null;
        }
        return ElementClient.connect(p);
    }
}
