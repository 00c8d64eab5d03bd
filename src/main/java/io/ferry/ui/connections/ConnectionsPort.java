package io.ferry.ui.connections;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the connection screens need from the rest of Ferry: the saved profiles (non-secret fields only; the
 * password goes to the secret store beside them), a connection test, the remote systems' certificates for the
 * operator to confirm, and the pickers (recent jobs, storage domains, disks). App wiring implements it over the
 * store, the secret store and the providers; tests use an in-memory fake. Every method may block (network): call
 * it off the FX thread. Failures are {@link ConnectionException}s whose message is for the operator.
 */
public interface ConnectionsPort {

    /** The remote systems a profile can point at; {@link #providerId()} is the provider that runs their transfers. */
    enum Kind {
        OVIRT,
        GCS,
        ELEMENT,
        IMS;

        public String providerId() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Kinds whose jobs can be watched (the oVirt provider uploads and downloads instead). */
        public boolean watchable() {
            return this != OVIRT;
        }
    }

    /**
     * A saved connection. {@code fields} hold only non-secret values ({@link ProfileFields} keys); the password is
     * never here.
     */
    record Profile(String id, Kind kind, String name, Map<String, String> fields) {
        public Profile {
            Objects.requireNonNull(kind, "kind");
            id = Objects.requireNonNullElse(id, "");
            name = Objects.requireNonNullElse(name, "");
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }

        public String field(String key) {
            return fields.getOrDefault(key, "");
        }

        public boolean isNew() {
            return id.isEmpty();
        }
    }

    /** What a successful test found, e.g. "oVirt Engine 4.5.6 — 3 storage domains". */
    record TestResult(String summary) {}

    /**
     * A server certificate as fetched before it is trusted.
     *
     * @param pem    the certificate in PEM (saved with the profile once confirmed)
     * @param sha256 its SHA-256 fingerprint, colon-separated hex, for the operator to compare
     * @param note   what else was checked (e.g. "the engine's https certificate is signed by it"), or ""
     */
    record Certificate(String pem, String sha256, String subject, String note) {}

    /** A remote job or operation to pick in "Watch…". */
    record RecentJob(String id, String label, String status, Instant started) {}

    record StorageDomain(String id, String name, String type, long availableBytes) {}

    record Disk(String id, String name, String format, String status, long provisionedBytes) {}

    List<Profile> profiles() throws ConnectionException;

    /**
     * Saves (creates when {@link Profile#isNew()}) the profile; {@code secret} goes to the secret store under it
     * (null keeps the stored one). Returns the saved profile with its id.
     */
    Profile save(Profile profile, char[] secret) throws ConnectionException;

    /** Removes the profile and its secret. */
    void delete(String profileId) throws ConnectionException;

    /** Whether a secret is stored for this profile (an edit may leave the password empty to keep it). */
    boolean hasSecret(String profileId) throws ConnectionException;

    /** Connects with these settings (secret null: the stored one) and says what answered. */
    TestResult test(Profile profile, char[] secret) throws ConnectionException;

    /** Fetches the certificate of {@code address} (oVirt: the engine CA from pki-resource; Element: the MVIP's). */
    Certificate fetchCertificate(Kind kind, String address) throws ConnectionException;

    /** The account's recent jobs or operations, newest first. */
    List<RecentJob> recentJobs(String profileId, int limit) throws ConnectionException;

    List<StorageDomain> storageDomains(String profileId) throws ConnectionException;

    List<Disk> disks(String profileId) throws ConnectionException;

    /** The options a transfer through this profile carries (the provider's keys; never the secret). */
    Map<String, String> transferOptions(String profileId) throws ConnectionException;
}
