package io.ferry.store;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach one remote system: its non-secret fields (URL, user name, project, CA fingerprint…) and a
 * reference into the {@link SecretStore} for the password, key or token. The secret itself is never here.
 *
 * @param secretRef the {@link SecretStore} reference, or null when the profile needs no secret
 */
public record ConnectionProfile(String id, ProfileType type, String name, Map<String, String> fields, String secretRef) {
    /** Field names that look like they hold a secret; such fields are refused. */
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(password|passwd|secret|token|privatekey|private_key|apikey|api_key|credential).*");

    public ConnectionProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        name = Objects.requireNonNullElse(name, "");
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        for (String key : fields.keySet()) {
            if (SECRET_NAME.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
                throw new IllegalArgumentException("Profile field \"" + key
                        + "\" looks like a secret; put it in the secret store and keep only its reference on the profile");
            }
        }
    }

    /** The reference Ferry uses for a profile's secret: {@code profile/<id>}. */
    public static String secretRefFor(String profileId) {
        return "profile/" + profileId;
    }
}
