package io.ferry.app;

import io.ferry.provider.TransferException;
import io.ferry.provider.element.CertificateProbe;
import io.ferry.provider.element.ElementClient;
import io.ferry.provider.element.ElementOptions;
import io.ferry.provider.element.ElementProfile;
import io.ferry.provider.ims.ImsClient;
import io.ferry.provider.ims.ImsOptions;
import io.ferry.provider.ims.ImsProfile;
import io.ferry.provider.gcs.GcsOperation;
import io.ferry.provider.gcs.GcsOptions;
import io.ferry.provider.gcs.GcsProvider;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.engine.EngineCa;
import io.ferry.provider.ovirt.engine.EngineClient;
import io.ferry.provider.ovirt.engine.EngineModel;
import io.ferry.provider.tls.Trust;
import io.ferry.store.ConnectionProfile;
import io.ferry.store.ProfileType;
import io.ferry.store.SecretStore;
import io.ferry.store.SqliteStore;
import io.ferry.store.StoreException;
import io.ferry.ui.connections.ConnectionException;
import io.ferry.ui.connections.ConnectionsPort;
import io.ferry.ui.connections.ProfileFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * {@link ConnectionsPort} over the SQLite store (profiles without secrets), the secret store (passwords, under
 * {@link ConnectionProfile#secretRefFor}) and the providers (tests, certificates, pickers). A confirmed engine CA
 * is written to {@code <data dir>/trust/<profile id>.pem} so transfers can name it as their {@code ca_file}.
 */
public final class AppConnections implements ConnectionsPort {
    private final SqliteStore store;
    private final Supplier<Optional<SecretStore>> secrets;
    private final Path trustDir;
    private final GcsProvider gcs;
    private final RemoteChecks remote;

    public AppConnections(SqliteStore store, Supplier<Optional<SecretStore>> secrets, Path dataDir, GcsProvider gcs) {
        this(store, secrets, dataDir, gcs, new RemoteChecks(new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30)).followRedirects(false).build()));
    }

    AppConnections(SqliteStore store, Supplier<Optional<SecretStore>> secrets, Path dataDir, GcsProvider gcs, RemoteChecks remote) {
        this.store = store;
        this.secrets = secrets;
        this.trustDir = dataDir.resolve("trust");
        this.gcs = gcs;
        this.remote = remote;
    }

    /** The port over everything {@code services} holds (secret store opened on first use, from the environment). */
    public static AppConnections of(Services services) {
        GcsProvider gcs = services.provider(GcsProvider.ID).filter(GcsProvider.class::isInstance)
                .map(GcsProvider.class::cast).orElseGet(GcsProvider::new);
        return new AppConnections(services.store(), () -> services.secrets(null), services.dataDir(), gcs);
    }

    // ---- profiles ----

    @Override
    public List<Profile> profiles() throws ConnectionException {
        try {
            return store.profiles().stream().map(AppConnections::toUi).toList();
        } catch (StoreException e) {
            throw new ConnectionException("The connection profiles could not be read: " + e.getMessage(), e);
        }
    }

    private static Profile toUi(ConnectionProfile p) {
        return new Profile(p.id(), Kind.valueOf(p.type().name()), p.name(), p.fields());
    }

    private Profile require(String id) throws ConnectionException {
        try {
            return store.profile(id).map(AppConnections::toUi)
                    .orElseThrow(() -> new ConnectionException("No connection profile " + id + " (it may have been removed)."));
        } catch (StoreException e) {
            throw new ConnectionException("The connection profile could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Profile save(Profile profile, char[] secret) throws ConnectionException {
        String id = profile.isNew() ? UUID.randomUUID().toString() : profile.id();
        Map<String, String> fields = new LinkedHashMap<>(profile.fields());
        String ref = ConnectionProfile.secretRefFor(id);
        if (secret != null) {
            secretStore().put(ref, new String(secret));
        }
        String pem = fields.get(ProfileFields.CERT_PEM);
        if (pem != null && !pem.isBlank()) {
            writeTrust(id, pem);
        }
        boolean hasSecret = secret != null || (!profile.isNew() && hasSecret(id));
        try {
            store.saveProfile(new ConnectionProfile(id, ProfileType.valueOf(profile.kind().name()), profile.name(), fields,
                    hasSecret ? ref : null));
        } catch (StoreException | IllegalArgumentException e) {
            throw new ConnectionException("The connection could not be saved: " + e.getMessage(), e);
        }
        return new Profile(id, profile.kind(), profile.name(), fields);
    }

    private void writeTrust(String id, String pem) throws ConnectionException {
        try {
            Files.createDirectories(trustDir);
            Path tmp = Files.createTempFile(trustDir, id, ".tmp");
            Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
            Files.move(tmp, trustFile(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConnectionException("The certificate could not be written to " + trustDir + ": " + e.getMessage(), e);
        }
    }

    private Path trustFile(String id) {
        return trustDir.resolve(id + ".pem");
    }

    @Override
    public void delete(String profileId) throws ConnectionException {
        try {
            store.deleteProfile(profileId);
        } catch (StoreException e) {
            throw new ConnectionException("The connection could not be removed: " + e.getMessage(), e);
        }
        secrets.get().ifPresent(s -> s.delete(ConnectionProfile.secretRefFor(profileId)));
        try {
            Files.deleteIfExists(trustFile(profileId));
        } catch (IOException e) {
            throw new ConnectionException("The connection was removed but its certificate file " + trustFile(profileId)
                    + " could not be deleted: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasSecret(String profileId) {
        return secrets.get().flatMap(s -> s.get(ConnectionProfile.secretRefFor(profileId))).isPresent();
    }

    private SecretStore secretStore() throws ConnectionException {
        return secrets.get().orElseThrow(() -> new ConnectionException("No secret store is open to keep the password: "
                + "close this sheet, open Connections… again and enter the passphrase of Ferry's encrypted secrets file "
                + "(or set FERRY_PASSPHRASE before starting Ferry)."));
    }

    private char[] secretFor(Profile p, char[] typed) throws ConnectionException {
        if (typed != null) {
            return typed.clone();
        }
        if (p.isNew()) {
            throw new ConnectionException("Enter the password to test this connection.");
        }
        return secretStore().get(ConnectionProfile.secretRefFor(p.id())).map(String::toCharArray)
                .orElseThrow(() -> new ConnectionException("No password is stored for \"" + p.name() + "\": edit the connection and enter it."));
    }

    // ---- test, certificates, pickers ----

    @Override
    public TestResult test(Profile profile, char[] secret) throws ConnectionException {
        return switch (profile.kind()) {
            case OVIRT -> {
                char[] pw = secretFor(profile, secret);
                try {
                    EngineClient engine = engine(profile, pw);
                    EngineModel.ProductInfo info = engineCall(engine::productInfo);
                    int domains = engineCall(engine::storageDomains).size();
                    yield new TestResult((info.name().isEmpty() ? "oVirt Engine" : info.name()) + " " + info.version()
                            + " · " + domains + (domains == 1 ? " storage domain" : " storage domains"));
                } finally {
                    Arrays.fill(pw, '\0');
                }
            }
            case GCS -> {
                List<GcsOperation> ops = gcsRecent(gcsOptions(profile), 5);
                yield new TestResult("Storage Transfer API answered for project " + profile.field(ProfileFields.PROJECT)
                        + " · " + ops.size() + (ops.size() == 1 ? " recent operation" : " recent operations"));
            }
            case ELEMENT -> {
                char[] pw = secretFor(profile, secret);
                try {
                    ElementProfile ep = elementProfile(profile, pw);
                    yield new TestResult(remoteCall(() -> ElementClient.connect(ep).testConnection()));
                } finally {
                    Arrays.fill(pw, '\0');
                }
            }
            case IMS -> {
                char[] pw = secretFor(profile, secret);
                try {
                    ImsProfile ip = imsProfile(profile, pw);
                    yield new TestResult(remoteCall(() -> new ImsClient(ip).testConnection()));
                } finally {
                    Arrays.fill(pw, '\0');
                }
            }
        };
    }

    private static ElementProfile elementProfile(Profile p, char[] pw) throws ConnectionException {
        try {
            return new ElementProfile(p.field(ProfileFields.MVIP), p.field(ProfileFields.API_VERSION),
                    p.field(ProfileFields.USERNAME), new String(pw), p.field(ProfileFields.PINNED_SHA256), null);
        } catch (IllegalArgumentException e) {
            throw new ConnectionException(e.getMessage(), e);
        }
    }

    private static ImsProfile imsProfile(Profile p, char[] pw) throws ConnectionException {
        try {
            return new ImsProfile(p.field(ProfileFields.REGION), p.field(ProfileFields.DOMAIN), p.field(ProfileFields.USER),
                    new String(pw), p.field(ProfileFields.PROJECT), blankToNull(p.field(ProfileFields.PROJECT_ID)),
                    p.field(ProfileFields.IAM_ENDPOINT), p.field(ProfileFields.IMS_ENDPOINT), null,
                    p.field(ProfileFields.CA_FILE));
        } catch (IllegalArgumentException e) {
            throw new ConnectionException(e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private interface RemoteCall<T> {
        T call() throws TransferException;
    }

    private static <T> T remoteCall(RemoteCall<T> call) throws ConnectionException {
        try {
            return call.call();
        } catch (TransferException e) {
            throw new ConnectionException(e.code() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConnectionException(e.getMessage(), e);
        }
    }

    @Override
    public Certificate fetchCertificate(Kind kind, String address) throws ConnectionException {
        return switch (kind) {
            case OVIRT -> {
                HttpUrl base;
                try {
                    base = EngineClient.baseUrl(address);
                } catch (IllegalArgumentException e) {
                    throw new ConnectionException(e.getMessage(), e);
                }
                HttpUrl pki = EngineCa.pkiUrl(base.newBuilder().scheme("http")
                        .port(base.isHttps() && base.port() == 443 ? 80 : base.port()).build());
                yield remote.engineCa(pki, base);
            }
            case ELEMENT -> {
                try {
                    CertificateProbe.Presented c = CertificateProbe.probe(address, Duration.ofSeconds(10));
                    yield new Certificate("", c.sha256(), c.subject(), "Issued by " + c.issuer() + "; valid until " + c.notAfter() + ".");
                } catch (IOException | IllegalArgumentException e) {
                    throw new ConnectionException("Could not read the certificate of " + address + ": " + e.getMessage(), e);
                }
            }
            case GCS, IMS -> throw new ConnectionException("These connections use the system's trusted certificates; there is nothing to pin.");
        };
    }

    @Override
    public List<RecentJob> recentJobs(String profileId, int limit) throws ConnectionException {
        Profile p = require(profileId);
        if (p.kind() == Kind.ELEMENT) {
            char[] pw = secretFor(p, null);
            try {
                ElementProfile ep = elementProfile(p, pw);
                return remoteCall(() -> ElementClient.connect(ep).listBulkVolumeJobs()).stream().limit(limit)
                        .map(j -> new RecentJob(j.key(), j.type() + " · volume " + j.bulkVolumeID(), j.status(), instant(j.createTime())))
                        .toList();
            } finally {
                Arrays.fill(pw, '\0');
            }
        }
        if (p.kind() != Kind.GCS) {
            throw new ConnectionException("This system has no list of recent jobs: enter the job ID.");
        }
        return gcsRecent(gcsOptions(p), limit).stream()
                .map(op -> new RecentJob(op.name(), op.transferJobName(), op.rawStatus(), op.startTime()))
                .toList();
    }

    private static java.time.Instant instant(String rfc3339) {
        try {
            return rfc3339 == null || rfc3339.isBlank() ? null : java.time.OffsetDateTime.parse(rfc3339).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private List<GcsOperation> gcsRecent(Map<String, String> options, int limit) throws ConnectionException {
        try {
            return gcs.recentOperations(options, limit);
        } catch (TransferException e) {
            throw new ConnectionException(e.code() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<StorageDomain> storageDomains(String profileId) throws ConnectionException {
        Profile p = require(profileId);
        char[] pw = secretFor(p, null);
        try {
            return engineCall(() -> engine(p, pw).storageDomains()).stream()
                    .map(d -> new StorageDomain(d.id(), d.name(), d.type(), d.available()))
                    .toList();
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    @Override
    public List<Disk> disks(String profileId) throws ConnectionException {
        Profile p = require(profileId);
        char[] pw = secretFor(p, null);
        try {
            return engineCall(() -> engine(p, pw).disks()).stream()
                    .map(d -> new Disk(d.id(), d.name(), d.format(), d.status(), d.provisionedSize()))
                    .toList();
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    private interface EngineCall<T> {
        T call() throws TransferException, InterruptedException, ConnectionException;
    }

    private static <T> T engineCall(EngineCall<T> call) throws ConnectionException {
        try {
            return call.call();
        } catch (TransferException e) {
            throw new ConnectionException(e.code() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while talking to the engine.", e);
        }
    }

    /** An engine client trusting what the profile says: its CA file, its confirmed fetched CA, or the system's. */
    private EngineClient engine(Profile p, char[] password) throws ConnectionException {
        Trust trust;
        try {
            String pem = p.field(ProfileFields.CERT_PEM);
            String file = p.field(ProfileFields.CA_FILE);
            if (ProfileFields.TRUST_FILE.equals(p.field(ProfileFields.TRUST)) && !file.isEmpty()) {
                trust = Trust.pemFile(Path.of(file));
            } else if (!pem.isEmpty()) {
                trust = Trust.pem(pem, "the confirmed engine CA");
            } else {
                trust = Trust.system();
            }
        } catch (IOException e) {
            throw new ConnectionException("The engine CA could not be read: " + e.getMessage(), e);
        }
        try {
            return new EngineClient(remote.with(trust), p.field(ProfileFields.ENGINE), p.field(ProfileFields.USER), password,
                    Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ConnectionException(e.getMessage(), e);
        }
    }

    // ---- transfer options ----

    @Override
    public Map<String, String> transferOptions(String profileId) throws ConnectionException {
        Profile p = require(profileId);
        Map<String, String> o = switch (p.kind()) {
            case OVIRT -> ovirtOptions(p);
            case GCS -> gcsOptions(p);
            case ELEMENT -> new LinkedHashMap<>(Map.of(ElementOptions.PROFILE, p.id()));
            case IMS -> new LinkedHashMap<>(Map.of(ImsOptions.PROFILE, p.id()));
        };
        o.put(PROFILE_OPTION, p.id());
        return o;
    }

    /** The option naming the profile a transfer runs through (its password is looked up by this id). */
    public static final String PROFILE_OPTION = "profile";

    private Map<String, String> ovirtOptions(Profile p) throws ConnectionException {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(OvirtOptions.ENGINE, p.field(ProfileFields.ENGINE));
        o.put(OvirtOptions.USER, p.field(ProfileFields.USER));
        if (ProfileFields.TRUST_FILE.equals(p.field(ProfileFields.TRUST)) && !p.field(ProfileFields.CA_FILE).isEmpty()) {
            o.put(OvirtOptions.CA_FILE, p.field(ProfileFields.CA_FILE));
        } else if (!p.field(ProfileFields.CERT_PEM).isEmpty()) {
            if (!Files.isRegularFile(trustFile(p.id()))) {
                writeTrust(p.id(), p.field(ProfileFields.CERT_PEM));
            }
            o.put(OvirtOptions.CA_FILE, trustFile(p.id()).toString());
        }
        return o;
    }

    private static Map<String, String> gcsOptions(Profile p) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(GcsOptions.PROJECT, p.field(ProfileFields.PROJECT));
        if (!p.field(ProfileFields.KEY_FILE).isEmpty()) {
            o.put(GcsOptions.CREDENTIALS, p.field(ProfileFields.KEY_FILE));
        }
        if (!p.field(ProfileFields.ENDPOINT).isEmpty()) {
            o.put(GcsOptions.ENDPOINT, p.field(ProfileFields.ENDPOINT));
        }
        if (!p.field(ProfileFields.CA_FILE).isEmpty()) {
            o.put(GcsOptions.CA_FILE, p.field(ProfileFields.CA_FILE));
        }
        return o;
    }
}
