package io.ferry.app;

import io.ferry.provider.element.ElementProfile;
import io.ferry.provider.ims.ImsProfile;
import io.ferry.store.ConnectionProfile;
import io.ferry.store.ProfileType;
import io.ferry.store.SecretStore;
import io.ferry.store.SqliteStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the store's connection profiles (non-secret fields + a secret reference) into the providers' own profile
 * records, reading the password from the secret store at the moment a provider connects. A transfer names its
 * profile in its options ({@code element.profile}, {@code ims.profile}) by id or by name. The field names below
 * are what the connection manager writes.
 */
final class ProviderProfiles {
    // Element (type element)
    static final String ELEMENT_ENDPOINT = "endpoint";
    static final String ELEMENT_API_VERSION = "apiVersion";
    static final String ELEMENT_USERNAME = "username";
    static final String ELEMENT_PIN = "pinnedSha256";
    // IMS (type ims)
    static final String IMS_REGION = "region";
    static final String IMS_DOMAIN = "domain";
    static final String IMS_USER = "user";
    static final String IMS_PROJECT = "project";
    static final String IMS_PROJECT_ID = "projectId";
    static final String IMS_IAM_ENDPOINT = "iamEndpoint";
    static final String IMS_IMS_ENDPOINT = "imsEndpoint";
    /** PEM CA bundle trusted instead of the system store (ProfileFields.CA_FILE). */
    static final String IMS_CA_FILE = "ca_file";
    // both
    static final String TIMEOUT_SECONDS = "timeoutSeconds";

    private static final Logger LOG = LoggerFactory.getLogger(ProviderProfiles.class);

    private final SqliteStore store;
    private final Supplier<Optional<SecretStore>> secrets;

    ProviderProfiles(SqliteStore store, Supplier<Optional<SecretStore>> secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    Optional<ElementProfile> element(String idOrName) {
        return find(ProfileType.ELEMENT, idOrName).map(p -> {
            Map<String, String> f = p.fields();
            return new ElementProfile(f.getOrDefault(ELEMENT_ENDPOINT, ""), f.get(ELEMENT_API_VERSION),
                    f.get(ELEMENT_USERNAME), secret(p), f.get(ELEMENT_PIN), timeout(f));
        });
    }

    Optional<ImsProfile> ims(String idOrName) {
        return find(ProfileType.IMS, idOrName).map(p -> {
            Map<String, String> f = p.fields();
            return new ImsProfile(f.get(IMS_REGION), f.get(IMS_DOMAIN), f.get(IMS_USER), secret(p), f.get(IMS_PROJECT),
                    f.get(IMS_PROJECT_ID), f.get(IMS_IAM_ENDPOINT), f.get(IMS_IMS_ENDPOINT), timeout(f), f.get(IMS_CA_FILE));
        });
    }

    private Optional<ConnectionProfile> find(ProfileType type, String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        Optional<ConnectionProfile> byId = store.profile(idOrName).filter(p -> p.type() == type);
        if (byId.isPresent()) {
            return byId;
        }
        return store.profiles().stream().filter(p -> p.type() == type && p.name().equals(idOrName)).findFirst();
    }

    private String secret(ConnectionProfile p) {
        if (p.secretRef() == null || p.secretRef().isBlank()) {
            return "";
        }
        Optional<SecretStore> s = secrets.get();
        if (s.isEmpty()) {
            LOG.warn("Profile {} has a secret, but no secret store is open (no OS secret store answers, FERRY_PASSPHRASE"
                    + " is not set and the secrets file was not unlocked in the window); connecting without it", p.id());
            return "";
        }
        return s.get().get(p.secretRef()).orElseGet(() -> {
            LOG.warn("Profile {}: no secret stored under its reference", p.id());
            return "";
        });
    }

    private static Duration timeout(Map<String, String> f) {
        try {
            String raw = f.get(TIMEOUT_SECONDS);
            return raw == null || raw.isBlank() ? null : Duration.ofSeconds(Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
