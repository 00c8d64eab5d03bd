package io.ferry.ui.connections;

import io.ferry.ui.connections.ConnectionsPort.Kind;
import java.util.List;

/**
 * The non-secret fields of each profile kind, in the order the editor shows them. Keys are stored as they are and
 * are what app wiring reads (Element and IMS: {@code io.ferry.app.ProviderProfiles}); {@code name} picks the
 * field's label and prompt in the resource bundles.
 */
public final class ProfileFields {
    public static final String ENGINE = "engine";
    public static final String USER = "user";
    /** oVirt: how the engine CA is trusted: {@link #TRUST_FILE} or {@link #TRUST_FETCHED}. */
    public static final String TRUST = "trust";
    public static final String TRUST_FILE = "file";
    public static final String TRUST_FETCHED = "fetched";
    /** oVirt (trust file), Storage Transfer and IMS (optional; blank: the system trust store): a PEM CA bundle. */
    public static final String CA_FILE = "ca_file";
    /** The confirmed certificate (PEM) and its SHA-256 fingerprint (oVirt fetched CA, Element pinned cert). */
    public static final String CERT_PEM = "cert_pem";
    public static final String CERT_SHA256 = "cert_sha256";
    public static final String KEY_FILE = "key_file";
    public static final String PROJECT = "project";
    public static final String ENDPOINT = "endpoint";
    /** Element: the MVIP as https://MVIP[:port] (same key as GCS's endpoint, another kind). */
    public static final String MVIP = "endpoint";
    public static final String API_VERSION = "apiVersion";
    public static final String USERNAME = "username";
    /** Element: the cluster certificate's confirmed SHA-256 fingerprint. */
    public static final String PINNED_SHA256 = "pinnedSha256";
    public static final String IAM_ENDPOINT = "iamEndpoint";
    public static final String IMS_ENDPOINT = "imsEndpoint";
    public static final String DOMAIN = "domain";
    public static final String REGION = "region";
    public static final String PROJECT_ID = "projectId";

    public static final String DEFAULT_ELEMENT_API_VERSION = "12.5";

    /** How a field is entered and checked. */
    public enum Check {
        TEXT,
        URL,
        FILE,
        VERSION
    }

    public record Field(String key, Check check, boolean required, String name) {
        public Field(String key, Check check, boolean required) {
            this(key, check, required, key);
        }

        public String labelKey() {
            return "connections.field." + name;
        }

        public String promptKey() {
            return "connections.prompt." + name;
        }
    }

    private ProfileFields() {}

    /** The fields the editor shows for {@code kind} (trust and certificates are shown apart). */
    public static List<Field> of(Kind kind) {
        return switch (kind) {
            case OVIRT -> List.of(new Field(ENGINE, Check.URL, true), new Field(USER, Check.TEXT, true));
            case GCS -> List.of(new Field(PROJECT, Check.TEXT, true), new Field(KEY_FILE, Check.FILE, false),
                    new Field(ENDPOINT, Check.URL, false), new Field(CA_FILE, Check.FILE, false, "ca_bundle"));
            case ELEMENT -> List.of(new Field(MVIP, Check.URL, true, "mvip"), new Field(API_VERSION, Check.VERSION, true, "api_version"),
                    new Field(USERNAME, Check.TEXT, true, "user"));
            case IMS -> List.of(new Field(REGION, Check.TEXT, true), new Field(IAM_ENDPOINT, Check.URL, true, "iam_endpoint"),
                    new Field(IMS_ENDPOINT, Check.URL, true, "ims_endpoint"), new Field(DOMAIN, Check.TEXT, true),
                    new Field(USER, Check.TEXT, true), new Field(PROJECT, Check.TEXT, true),
                    new Field(PROJECT_ID, Check.TEXT, false, "project_id"), new Field(CA_FILE, Check.FILE, false, "ca_bundle"));
        };
    }

    /** Whether the kind signs in with a password kept in the secret store (GCS uses a key file or ADC). */
    public static boolean needsPassword(Kind kind) {
        return kind != Kind.GCS;
    }

    /** Whether the kind needs a certificate the operator confirms by fingerprint (oVirt when fetched; Element). */
    public static boolean pinsCertificate(Kind kind) {
        return kind == Kind.OVIRT || kind == Kind.ELEMENT;
    }

    /** The field holding the confirmed certificate fingerprint. */
    public static String fingerprintField(Kind kind) {
        return kind == Kind.ELEMENT ? PINNED_SHA256 : CERT_SHA256;
    }

    /** The address a certificate is fetched from. */
    public static String addressField(Kind kind) {
        return switch (kind) {
            case OVIRT -> ENGINE;
            case ELEMENT -> MVIP;
            case GCS -> ENDPOINT;
            case IMS -> IAM_ENDPOINT;
        };
    }
}
