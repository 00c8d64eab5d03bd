package io.ferry.cli.gcs;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import io.ferry.provider.gcs.GcsAuth;
import io.ferry.provider.gcs.GcsClients;
import io.ferry.provider.gcs.StorageTransferClient;
import io.ferry.provider.tls.Trust;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every {@code ferry gcs} command shares: where the API is, who we are, which project, output form. */
public final class GcsConnection {
    /** Exit codes: 0 done, 1 the remote call or the operation failed, 2 bad usage or bad input. */
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Storage Transfer base URL (default ${DEFAULT-VALUE}).",
            defaultValue = "https://storagetransfer.googleapis.com/")
    String endpoint;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "Service-account JSON key file (default: Application Default Credentials).")
    Path credentials;

    @Option(names = "--access-token-file", paramLabel = "FILE",
            description = "A file holding an OAuth access token to use as is (cannot be renewed).")
    Path accessTokenFile;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "PEM file of the CA(s) to trust for the API and the token endpoint (default: the system trust"
                    + " store). The hostname is always checked.")
    Path caFile;

    @Option(names = "--project", paramLabel = "ID",
            description = "Google Cloud project id (default: the key file's project_id, then $GOOGLE_CLOUD_PROJECT).")
    String project;

    @Option(names = "--json", description = "Print JSON (counters and errorBreakdowns in the API's own shape).")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on a call after this many seconds (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    private GcsAuth auth;
    private StorageTransferClient client;

    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    GcsAuth auth() {
        if (auth == null) {
            if (credentials != null && accessTokenFile != null) {
                throw new IllegalArgumentException("give either --credentials or --access-token-file, not both");
            }
            if (accessTokenFile != null) {
                try {
                    auth = GcsAuth.fixedToken(Files.readString(accessTokenFile));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read --access-token-file " + accessTokenFile + ": " + e.getMessage(), e);
                }
            } else {
                auth = credentials != null ? GcsAuth.keyFile(credentials, null, trust()) : GcsAuth.applicationDefault(trust());
            }
        }
        return auth;
    }

    StorageTransferClient client() {
        if (client == null) {
            client = new StorageTransferClient(GcsClients.endpoint(endpoint), auth(), timeout(),
                    trust().apply(new OkHttpClient.Builder()).build());
        }
        return client;
    }

    private Trust trust;

    /** --ca-file's certificates, else the system trust store; an unreadable file is bad input (exit 2). */
    Trust trust() {
        if (trust == null) {
            try {
                trust = caFile == null ? Trust.system() : Trust.pemFile(caFile);
            } catch (IOException e) {
                throw new IllegalArgumentException("--ca-file: " + e.getMessage(), e);
            }
        }
        return trust;
    }

    Duration timeout() {
        if (!(timeoutSeconds > 0)) {
            throw new IllegalArgumentException("--timeout must be a positive number of seconds");
        }
        return Duration.ofMillis(Math.round(timeoutSeconds * 1000));
    }

    /** The project: --project, else the credentials' project_id, else $GOOGLE_CLOUD_PROJECT. */
    String project() {
        if (project != null && !project.isBlank()) {
            return project.trim();
        }
        String fromCreds = auth().projectId().orElse("");
        if (!fromCreds.isEmpty()) {
            return fromCreds;
        }
        String env = System.getenv("GOOGLE_CLOUD_PROJECT");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        throw new IllegalArgumentException("no project id: pass --project ID (or use a key file with a project_id)");
    }

    interface Action {
        int run() throws TransferException, InterruptedException;
    }

    /** Runs a command body: bad input → one line on stderr and exit 2; a failed call → one line and exit 1. */
    int call(Action action) {
        try {
            return action.run();
        } catch (IllegalArgumentException e) {
            err().println("ferry gcs: " + e.getMessage());
            return BAD_INPUT;
        } catch (TransferException e) {
            err().println("ferry gcs: " + e.getMessage());
            if (e.code() == ErrorCode.UNAUTHENTICATED) {
                err().println("  credentials: " + (auth == null ? "none" : auth.describe()));
            }
            return e.code() == ErrorCode.INVALID_ARGUMENT ? BAD_INPUT : FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err().println("ferry gcs: interrupted");
            return FAILED;
        } finally {
            out().flush();
            err().flush();
        }
    }
}
