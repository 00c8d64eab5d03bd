package io.ferry.cli.element;

import io.ferry.cli.remote.CliErrors;
import io.ferry.provider.element.CertificateProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry element fingerprint --endpoint URL}: shows the certificate a cluster presents, to confirm and pin. */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = "Show the SHA-256 fingerprint of the certificate a cluster presents (no credentials are sent).")
public final class FingerprintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", required = true, paramLabel = "URL", description = "https://<MVIP>[:port]")
    String endpoint;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS")
    long timeoutSeconds;

    @Override
    public Integer call() {
        try {
            CertificateProbe.Presented c = CertificateProbe.probe(endpoint, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
            var out = spec.commandLine().getOut();
            out.println("SHA-256   " + c.sha256());
            out.println("subject   " + c.subject());
            out.println("issuer    " + c.issuer());
            out.println("valid     " + c.notBefore() + " – " + c.notAfter());
            out.println("If this matches the cluster's certificate, pass --pin " + c.sha256());
            out.flush();
            return CliErrors.OK;
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("ferry: cannot read the certificate of " + endpoint + ": " + e.getMessage());
            return CliErrors.FAILED;
        }
    }
}
