package io.ferry.cli.ovirt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferry.domain.Direction;
import io.ferry.engine.TransferRequest;
import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.PasswordSource;
import io.ferry.provider.ovirt.engine.EngineCa;
import io.ferry.provider.ovirt.engine.EngineClient;
import io.ferry.provider.ovirt.engine.EngineModel;
import io.ferry.provider.tls.Trust;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry ovirt upload|download|check|ca}: disk images to and from an oVirt / RHV engine through image
 * transfers. The password is read from a file (never an argument); https is verified with --ca-file or the system
 * trust store.
 */
@Command(name = "ovirt", mixinStandardHelpOptions = true,
        description = "Upload and download oVirt / RHV disks through image transfers.",
        subcommands = {OvirtCommand.Upload.class, OvirtCommand.Download.class, OvirtCommand.Check.class,
            OvirtCommand.Ca.class})
public final class OvirtCommand extends RunnerCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public OvirtCommand() {
        this(localRunner());
    }

    public OvirtCommand(TransferRunner runner) {
        super(runner);
    }

    /** Builds the command line with the subcommands sharing this command's runner. */
    public static CommandLine commandLine(TransferRunner runner) {
        return commandLine(new OvirtCommand(runner));
    }

    public static void main(String[] args) {
        System.exit(commandLine(localRunner()).execute(args));
    }

    /** Connection options shared by every subcommand. */
    static class Connection {
        @Option(names = "--engine", required = true, paramLabel = "URL", description = "https://ENGINE (or https://ENGINE/ovirt-engine)")
        String engine;

        @Option(names = "--user", required = true, paramLabel = "U", description = "e.g. admin@internal")
        String user;

        @Option(names = "--password-file", required = true, paramLabel = "F", description = "file holding the password (first line)")
        Path passwordFile;

        @Option(names = "--ca-file", paramLabel = "CA", description = "the engine's CA certificate (PEM); default: system trust store")
        Path caFile;

        @Option(names = "--json", description = "print the result as JSON")
        boolean json;

        Map<String, String> options() {
            Map<String, String> o = new HashMap<>();
            o.put(OvirtOptions.ENGINE, engine);
            o.put(OvirtOptions.USER, user);
            o.put(OvirtOptions.PASSWORD_FILE, passwordFile.toAbsolutePath().toString());
            if (caFile != null) {
                o.put(OvirtOptions.CA_FILE, caFile.toAbsolutePath().toString());
            }
            return o;
        }

        EngineClient client() throws IOException {
            Trust trust = caFile == null ? Trust.system() : Trust.pemFile(caFile);
            OkHttpClient http = trust.apply(new OkHttpClient.Builder()).build();
            OvirtOptions o = new OvirtOptions(engine, user, passwordFile, caFile, "", "", "", true, "", "", 1, true, 0, "",
                    java.time.Duration.ZERO, false, false, "");
            char[] pw = PasswordSource.fromFile().password(null, o);
            try {
                return new EngineClient(http, engine, user, pw, Clock.systemUTC());
            } finally {
                java.util.Arrays.fill(pw, '\0');
            }
        }
    }

    static class DataOptions {
        @Option(names = "--connections", defaultValue = "4", description = "imageio connections at once, up to the server's maximum (default ${DEFAULT-VALUE})")
        int connections;

        @Option(names = "--no-verify", description = "skip the checksum / read-back verification")
        boolean noVerify;

        @Option(names = "--host", paramLabel = "ID", description = "the host to transfer through (default: the engine picks)")
        String host;

        @Option(names = "--inactivity-timeout", paramLabel = "S", description = "seconds the engine waits for activity before pausing (default: the engine's)")
        Integer inactivityTimeout;

        @Option(names = "--timeout-policy", paramLabel = "P", description = "legacy, pause or cancel")
        String timeoutPolicy;

        @Option(names = "--on-paused-system", defaultValue = "resume", paramLabel = "resume|fail",
                description = "when the engine pauses the transfer (ticket expired): resume it (up to 3 times) or fail (default ${DEFAULT-VALUE})")
        String onPausedSystem;

        void into(Map<String, String> o) {
            o.put(OvirtOptions.CONNECTIONS, Integer.toString(connections));
            o.put(OvirtOptions.VERIFY, Boolean.toString(!noVerify));
            if (host != null) {
                o.put(OvirtOptions.HOST, host);
            }
            if (inactivityTimeout != null) {
                o.put(OvirtOptions.INACTIVITY_TIMEOUT, Integer.toString(inactivityTimeout));
            }
            if (timeoutPolicy != null) {
                o.put(OvirtOptions.TIMEOUT_POLICY, timeoutPolicy);
            }
            o.put(OvirtOptions.PAUSED_SYSTEM, onPausedSystem.toLowerCase(Locale.ROOT));
        }
    }

    @Command(name = "upload", mixinStandardHelpOptions = true,
            description = "Create a disk for FILE (raw → raw disk, qcow2 → cow disk, as is) and upload it.")
    static final class Upload extends TransferSubcommand {
        @Parameters(index = "0", paramLabel = "FILE", description = ".raw, .img, .iso, .qcow2, .qcow")
        Path file;

        @CommandLine.Mixin
        Connection conn = new Connection();

        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        @Option(names = "--storage-domain", required = true, paramLabel = "NAME")
        String storageDomain;

        @Option(names = "--disk-name", paramLabel = "N", description = "default: the file name without its extension")
        String diskName;

        @Option(names = "--format", paramLabel = "raw|cow", description = "the disk format; default: from the image (must match it)")
        String format;

        @Option(names = "--preallocated", description = "a preallocated (not sparse) raw disk")
        boolean preallocated;

        Upload(TransferRunner runner) {
            super(runner);
        }

        /** Mounted on the root {@code ferry} command: runs through the data directory's runner. */
        Upload(io.ferry.cli.CliContext context) {
            this(new BackendRunner(context));
        }

        @Override
        public Integer call() throws InterruptedException {
            if (format != null && !format.equals("raw") && !format.equals("cow")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format must be raw or cow, not " + format);
            }
            Map<String, String> o = conn.options();
            data.into(o);
            o.put(OvirtOptions.STORAGE_DOMAIN, storageDomain);
            if (diskName != null) {
                o.put(OvirtOptions.DISK_NAME, diskName);
            }
            if (format != null) {
                o.put(OvirtOptions.FORMAT, format);
            }
            o.put(OvirtOptions.SPARSE, Boolean.toString(!preallocated));
            return run(new TransferRequest(OvirtProvider.ID, Direction.UPLOAD,
                    file.getFileName().toString(), file.toAbsolutePath().toString(), conn.engine, o), conn.json);
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download disk DISK_ID into FILE, in the disk's format (raw or qcow2), sparse.")
    static final class Download extends TransferSubcommand {
        @Parameters(index = "0", paramLabel = "DISK_ID")
        String diskId;

        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Option(names = "--overwrite", description = "replace FILE if it exists")
        boolean overwrite;

        @CommandLine.Mixin
        Connection conn = new Connection();

        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        Download(TransferRunner runner) {
            super(runner);
        }

        /** Mounted on the root {@code ferry} command: runs through the data directory's runner. */
        Download(io.ferry.cli.CliContext context) {
            this(new BackendRunner(context));
        }

        @Override
        public Integer call() throws InterruptedException {
            Map<String, String> o = conn.options();
            data.into(o);
            o.put(OvirtOptions.DISK_ID, diskId);
            o.put(OvirtOptions.OVERWRITE, Boolean.toString(overwrite));
            return run(new TransferRequest(OvirtProvider.ID, Direction.DOWNLOAD,
                    file.getFileName().toString(), diskId, file.toAbsolutePath().toString(), o), conn.json);
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Log in and show the engine's product version and storage domains.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Mixin
        Connection conn = new Connection();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                EngineClient c = conn.client();
                EngineModel.ProductInfo p = c.productInfo();
                List<EngineModel.StorageDomain> sds = c.storageDomains();
                if (conn.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("engine", c.base().toString());
                    m.put("product", p.name());
                    m.put("vendor", p.vendor());
                    m.put("version", p.version());
                    m.put("storage_domains", sds.stream().map(EngineModel.StorageDomain::name).toList());
                    out.println(JSON.writeValueAsString(m));
                } else {
                    out.printf("%s %s at %s (logged in as %s)%n", p.name(), p.version(), c.base(), conn.user);
                    for (EngineModel.StorageDomain sd : sds) {
                        out.printf("  storage domain %s (%s, %s free)%n", sd.name(), sd.type(),
                                sd.available() < 0 ? "?" : CliOutput.bytes(sd.available()));
                    }
                }
                out.flush();
                return 0;
            } catch (TransferException e) {
                err.println("ferry: " + e.getMessage());
                err.flush();
                return 1;
            } catch (IOException e) {
                err.println("ferry: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }

    @Command(name = "ca", mixinStandardHelpOptions = true,
            description = "Fetch the engine's CA certificate from its pki-resource URL and show its SHA-256 fingerprint; "
                    + "save it only when the fingerprint you confirm matches.")
    static final class Ca implements Callable<Integer> {
        @Option(names = "--engine", required = true, paramLabel = "URL")
        String engine;

        @Option(names = "--pki-url", paramLabel = "URL",
                description = "where to fetch (default: http://ENGINE/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA)")
        String pkiUrl;

        @Option(names = "--save", paramLabel = "FILE", description = "write the CA certificate here (with --fingerprint)")
        Path save;

        @Option(names = "--fingerprint", paramLabel = "SHA256", description = "the fingerprint you checked (from the engine's console or admin)")
        String fingerprint;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            HttpUrl base = EngineClient.baseUrl(engine);
            HttpUrl pki = pkiUrl != null ? HttpUrl.get(pkiUrl)
                    : EngineCa.pkiUrl(base.newBuilder().scheme("http").port(base.isHttps() && base.port() == 443 ? 80 : base.port()).build());
            try {
                EngineCa.Fetched f = EngineCa.fetch(new OkHttpClient(), pki, base);
                out.println("SHA-256 fingerprint: " + f.sha256());
                out.println(base.isHttps()
                        ? (f.matchesEngine() ? "The engine's TLS certificate is signed by this CA."
                                : "WARNING: the engine's TLS certificate is NOT signed by this CA.")
                        : "");
                if (save != null) {
                    String want = fingerprint == null ? "" : fingerprint.replace(":", "").toUpperCase(Locale.ROOT);
                    if (!want.equals(f.sha256().replace(":", ""))) {
                        err.println("ferry: not saved: confirm the fingerprint above with --fingerprint "
                                + "(compare it with the engine's: openssl x509 -in /etc/pki/ovirt-engine/ca.pem -noout "
                                + "-fingerprint -sha256)");
                        err.flush();
                        return 1;
                    }
                    Files.writeString(save, f.pem());
                    out.println("saved " + save);
                }
                out.flush();
                return 0;
            } catch (TransferException e) {
                err.println("ferry: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }
}
