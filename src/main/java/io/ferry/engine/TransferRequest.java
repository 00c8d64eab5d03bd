package io.ferry.engine;

import io.ferry.domain.Direction;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What to start: a provider, a direction, where from and where to, and options (verify, overwrite, sync, remote
 * profile and ids…). For {@link Direction#WATCH} the source names the remote job or operation.
 *
 * @param secrets options that are credentials (an imageio transfer URL, whose path is a bearer ticket): the provider
 *                reads them with {@link io.ferry.provider.TransferContext#secret}; they never reach the transfer,
 *                its options, the journal or an event. The engine keeps them through {@link TransferSecrets} and
 *                records only their names, in the option {@value #SECRET_OPTIONS}. {@link #toString} leaves the
 *                values out.
 */
public record TransferRequest(
        String provider, Direction direction, String name, String source, String target, Map<String, String> options,
        Map<String, String> secrets) {

    /** The option that names (comma-separated) the secrets a transfer was started with; never their values. */
    public static final String SECRET_OPTIONS = "secret_options";

    public TransferRequest {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(direction, "direction");
        options = options == null ? Map.of() : Map.copyOf(options);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    /** A request without secrets. */
    public TransferRequest(String provider, Direction direction, String name, String source, String target,
            Map<String, String> options) {
        this(provider, direction, name, source, target, options, Map.of());
    }

    @Override
    public String toString() {
        return "TransferRequest[provider=" + provider + ", direction=" + direction + ", name=" + name + ", source="
                + source + ", target=" + target + ", options=" + options + ", secrets=" + new TreeSet<>(secrets.keySet())
                + " (values not shown)]";
    }
}
