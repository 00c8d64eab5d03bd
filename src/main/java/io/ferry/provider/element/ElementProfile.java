package io.ferry.provider.element;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one Element cluster: the MVIP as an https URL (no path; {@code /json-rpc/<apiVersion>} is
 * appended), the API version, the cluster admin account, and the SHA-256 fingerprint of the certificate the
 * operator confirmed (hex, colons and case ignored). A null or blank fingerprint means "not yet confirmed": the
 * client then refuses to connect and reports the presented fingerprint.
 */
public record ElementProfile(
        String endpoint, String apiVersion, String username, String password, String pinnedSha256, Duration timeout) {

    public static final String DEFAULT_API_VERSION = "9.6";

    public ElementProfile {
        Objects.requireNonNull(endpoint, "endpoint");
        URI u = URI.create(endpoint.trim());
        if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException(
                    "Element endpoint must be https://<MVIP>[:port], got \"" + endpoint + "\"");
        }
        endpoint = endpoint.trim().replaceAll("/+$", "");
        apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion.trim();
        username = Objects.requireNonNullElse(username, "");
        password = Objects.requireNonNullElse(password, "");
        pinnedSha256 = pinnedSha256 == null ? "" : pinnedSha256.trim();
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    /** The same cluster at another API version (after GetAPI). */
    public ElementProfile withApiVersion(String version) {
        return new ElementProfile(endpoint, version, username, password, pinnedSha256, timeout);
    }

    public String rpcUrl() {
        return endpoint + "/json-rpc/" + apiVersion;
    }

    @Override
    public String toString() {
        return "ElementProfile[" + endpoint + ", api " + apiVersion + ", user " + username + ", pin "
                + (pinnedSha256.isEmpty() ? "none" : pinnedSha256) + "]";
    }
}
