package io.ferry.provider.ovirt;

import io.ferry.domain.Transfer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The options an oVirt transfer is started with (TransferRequest.options). No secret is among them: the password
 * is looked up by the provider's {@link PasswordSource} (a password file for the CLI, the secret store for the
 * GUI); the imageio transfer URL of the plain mode holds its ticket, a credential too: the option holds it
 * redacted ({@code /images/***}) and the whole URL is a secret of the request (TransferContext.secret, kept in the
 * secret store under the transfer's id).
 */
public record OvirtOptions(
        String engineUrl,
        String user,
        Path passwordFile,
        Path caFile,
        String storageDomain,
        String diskName,
        String format,
        boolean sparse,
        String hostId,
        String diskId,
        int connections,
        boolean verify,
        int inactivityTimeout,
        String timeoutPolicy,
        Duration keepalive,
        boolean waitWhenPausedBySystem,
        boolean overwrite,
        String imageioUrl) {

    public static final String ENGINE = "engine";
    public static final String USER = "user";
    public static final String PASSWORD_FILE = "password_file";
    public static final String CA_FILE = "ca_file";
    public static final String STORAGE_DOMAIN = "storage_domain";
    public static final String DISK_NAME = "disk_name";
    public static final String FORMAT = "format";
    public static final String SPARSE = "sparse";
    public static final String HOST = "host";
    public static final String DISK_ID = "disk_id";
    public static final String CONNECTIONS = "connections";
    public static final String VERIFY = "verify";
    public static final String INACTIVITY_TIMEOUT = "inactivity_timeout";
    public static final String TIMEOUT_POLICY = "timeout_policy";
    public static final String KEEPALIVE_SECONDS = "keepalive_seconds";
    public static final String PAUSED_SYSTEM = "paused_system";
    public static final String OVERWRITE = "overwrite";
    /**
     * Plain imageio mode: an existing transfer URL, no engine. As an option it is redacted ({@code /images/***});
     * the whole URL is the request's secret of the same name.
     */
    public static final String IMAGEIO_URL = "imageio_url";

    public static final int DEFAULT_CONNECTIONS = 4;

    public static OvirtOptions of(Transfer t) {
        String pw = t.option(PASSWORD_FILE, "");
        String ca = t.option(CA_FILE, "");
        return new OvirtOptions(
                t.option(ENGINE, ""),
                t.option(USER, ""),
                pw.isEmpty() ? null : Path.of(pw),
                ca.isEmpty() ? null : Path.of(ca),
                t.option(STORAGE_DOMAIN, ""),
                t.option(DISK_NAME, ""),
                t.option(FORMAT, ""),
                Boolean.parseBoolean(t.option(SPARSE, "true")),
                t.option(HOST, ""),
                t.option(DISK_ID, ""),
                intOption(t, CONNECTIONS, DEFAULT_CONNECTIONS),
                Boolean.parseBoolean(t.option(VERIFY, "true")),
                intOption(t, INACTIVITY_TIMEOUT, 0),
                t.option(TIMEOUT_POLICY, ""),
                Duration.ofSeconds(intOption(t, KEEPALIVE_SECONDS, 60)),
                "wait".equalsIgnoreCase(t.option(PAUSED_SYSTEM, "wait")),
                Boolean.parseBoolean(t.option(OVERWRITE, "false")),
                t.option(IMAGEIO_URL, ""));
    }

    private static int intOption(Transfer t, String key, int dflt) {
        String v = t.option(key, "");
        if (v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + "=" + v + " is not a whole number");
        }
    }

    public boolean plainImageio() {
        return !imageioUrl.isEmpty();
    }
}
