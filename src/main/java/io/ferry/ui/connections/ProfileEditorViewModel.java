package io.ferry.ui.connections;

import io.ferry.ui.connections.ConnectionsPort.Certificate;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.i18n.I18n;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Adds or edits one profile: its fields, the password (kept apart from the profile and handed to the port's
 * secret store), and for oVirt and Element the certificate, which must be fetched and confirmed by its SHA-256
 * fingerprint before Save is allowed. {@link #test()} connects with what is typed, before or after saving.
 */
public final class ProfileEditorViewModel {
    /** The outcome of the last test: none yet, running, passed or failed (with its text). */
    public enum TestState {
        NONE,
        RUNNING,
        PASSED,
        FAILED
    }

    private final ConnectionsPort port;
    private final I18n i18n;
    private final Executor background;
    private final Executor ui;
    private final Consumer<Profile> onSaved;
    private final String id;
    private final Kind kind;
    private final boolean secretStored;

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final Map<String, StringProperty> fields = new LinkedHashMap<>();
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty trust = new SimpleStringProperty(this, "trust", ProfileFields.TRUST_FETCHED);
    private final StringProperty caFile = new SimpleStringProperty(this, "caFile", "");
    private final ObjectProperty<Certificate> certificate = new SimpleObjectProperty<>(this, "certificate");
    private final BooleanProperty confirmed = new SimpleBooleanProperty(this, "confirmed");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(this, "canSave");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<TestState> testState = new ReadOnlyObjectWrapper<>(this, "testState", TestState.NONE);
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper(this, "testResult", "");
    private final ReadOnlyStringWrapper certificateError = new ReadOnlyStringWrapper(this, "certificateError", "");
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper(this, "saveError", "");

    /**
     * @param existing the profile to edit, or a new one ({@code id} empty) of the kind to add
     * @param secretStored whether the port holds a secret for {@code existing} (an empty password then keeps it)
     */
    public ProfileEditorViewModel(ConnectionsPort port, I18n i18n, Executor background, Executor ui, Profile existing,
            boolean secretStored, Consumer<Profile> onSaved) {
        this.port = port;
        this.i18n = i18n;
        this.background = background;
        this.ui = ui;
        this.onSaved = onSaved;
        this.id = existing.id();
        this.kind = existing.kind();
        this.secretStored = secretStored;
        name.set(existing.name());
        for (ProfileFields.Field f : ProfileFields.of(kind)) {
            String initial = existing.field(f.key());
            if (initial.isEmpty() && f.key().equals(ProfileFields.API_VERSION)) {
                initial = ProfileFields.DEFAULT_ELEMENT_API_VERSION;
            }
            fields.put(f.key(), new SimpleStringProperty(this, f.key(), initial));
        }
        if (kind == Kind.OVIRT && !existing.field(ProfileFields.TRUST).isEmpty()) {
            trust.set(existing.field(ProfileFields.TRUST));
        }
        caFile.set(existing.field(ProfileFields.CA_FILE));
        String pin = existing.field(ProfileFields.fingerprintField(kind));
        if (!pin.isEmpty()) {
            certificate.set(new Certificate(existing.field(ProfileFields.CERT_PEM), pin, "", ""));
            confirmed.set(true);
        }
        // a different address makes a fetched certificate meaningless
        StringProperty address = fields.get(ProfileFields.addressField(kind));
        if (address != null && ProfileFields.pinsCertificate(kind)) {
            address.addListener((o, was, now) -> {
                if (!Objects.equals(was == null ? "" : was.strip(), now == null ? "" : now.strip())) {
                    certificate.set(null);
                }
            });
        }
        certificate.addListener((o, was, now) -> {
            confirmed.set(false);
            certificateError.set("");
        });
        for (StringProperty p : fields.values()) {
            p.addListener(x -> resetTest());
        }
        for (Observable o : new Observable[] {password, trust, caFile, certificate}) {
            o.addListener(x -> resetTest());
        }
        for (Observable o : List.of(name, password, trust, caFile, certificate, confirmed, busy, i18n.localeProperty())) {
            o.addListener(x -> validate());
        }
        fields.values().forEach(p -> p.addListener(x -> validate()));
        validate();
    }

    private void resetTest() {
        if (testState.get() != TestState.RUNNING) {
            testState.set(TestState.NONE);
            testResult.set("");
        }
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNew() {
        return id.isEmpty();
    }

    public List<ProfileFields.Field> fieldSpecs() {
        return ProfileFields.of(kind);
    }

    public StringProperty field(String key) {
        StringProperty p = fields.get(key);
        if (p == null) {
            throw new IllegalArgumentException(kind + " profiles have no field " + key);
        }
        return p;
    }

    /** Whether the certificate section is shown and required: Element always, oVirt when trusting a fetched CA. */
    public boolean needsConfirmedCertificate() {
        return kind == Kind.ELEMENT || (kind == Kind.OVIRT && ProfileFields.TRUST_FETCHED.equals(trust.get()));
    }

    private void validate() {
        String p = check();
        problem.set(p);
        canSave.set(p.isEmpty() && !busy.get());
    }

    private String check() {
        if (name.get().isBlank()) {
            return i18n.get("connections.problem.name");
        }
        for (ProfileFields.Field f : ProfileFields.of(kind)) {
            String v = fields.get(f.key()).get().strip();
            String label = i18n.get(f.labelKey());
            if (v.isEmpty()) {
                if (f.required()) {
                    return i18n.get("connections.problem.required", label);
                }
                continue;
            }
            switch (f.check()) {
                case URL -> {
                    if (!isHttpUrl(v)) {
                        return i18n.get("connections.problem.url", label, v);
                    }
                }
                case FILE -> {
                    if (!Files.isRegularFile(Path.of(v))) {
                        return i18n.get("connections.problem.file", label, v);
                    }
                }
                case VERSION -> {
                    if (!v.matches("\\d+(\\.\\d+)?")) {
                        return i18n.get("connections.problem.version", label, v);
                    }
                }
                case TEXT -> {}
            }
        }
        if (ProfileFields.needsPassword(kind) && password.get().isEmpty() && !(secretStored && !isNew())) {
            return i18n.get("connections.problem.password");
        }
        if (kind == Kind.OVIRT && ProfileFields.TRUST_FILE.equals(trust.get())) {
            String f = caFile.get().strip();
            if (f.isEmpty()) {
                return i18n.get("connections.problem.caFile");
            }
            if (!Files.isRegularFile(Path.of(f))) {
                return i18n.get("connections.problem.file", i18n.get("connections.field.ca_file"), f);
            }
        }
        if (needsConfirmedCertificate()) {
            if (certificate.get() == null) {
                return i18n.get("connections.problem.fetchCertificate");
            }
            if (!confirmed.get()) {
                return i18n.get("connections.problem.confirmCertificate");
            }
        }
        return "";
    }

    private static boolean isHttpUrl(String v) {
        try {
            URI u = new URI(v);
            return ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The profile as it would be saved: non-secret fields only. */
    public Profile profile() {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            String s = v.get().strip();
            if (!s.isEmpty()) {
                out.put(k, s);
            }
        });
        if (kind == Kind.OVIRT) {
            out.put(ProfileFields.TRUST, trust.get());
            if (ProfileFields.TRUST_FILE.equals(trust.get())) {
                out.put(ProfileFields.CA_FILE, caFile.get().strip());
            }
        }
        Certificate c = certificate.get();
        if (needsConfirmedCertificate() && c != null && confirmed.get()) {
            out.put(ProfileFields.fingerprintField(kind), c.sha256());
            if (!c.pem().isEmpty()) {
                out.put(ProfileFields.CERT_PEM, c.pem());
            }
        }
        return new Profile(id, kind, name.get().strip(), out);
    }

    /** The typed password, or null to keep the stored one. */
    private char[] secret() {
        return password.get().isEmpty() ? null : password.get().toCharArray();
    }

    /** Fetches the certificate from the address typed; the operator then compares and confirms its fingerprint. */
    public void fetchCertificate() {
        String address = fields.get(ProfileFields.addressField(kind)).get().strip();
        if (address.isEmpty()) {
            String label = ProfileFields.of(kind).stream().filter(f -> f.key().equals(ProfileFields.addressField(kind)))
                    .findFirst().map(f -> i18n.get(f.labelKey())).orElse("");
            certificateError.set(i18n.get("connections.problem.required", label));
            return;
        }
        busy.set(true);
        certificateError.set("");
        background.execute(() -> {
            try {
                Certificate c = port.fetchCertificate(kind, address);
                ui.execute(() -> {
                    certificate.set(c);
                    busy.set(false);
                });
            } catch (ConnectionException | RuntimeException e) {
                String msg = i18n.get("connections.certificate.failed", message(e));
                ui.execute(() -> {
                    certificate.set(null);
                    certificateError.set(msg);
                    busy.set(false);
                });
            }
        });
    }

    /** Connects with what is typed and shows what answered (or why not). */
    public void test() {
        Profile p = profile();
        char[] secret = secret();
        testState.set(TestState.RUNNING);
        testResult.set(i18n.get("connections.test.running"));
        background.execute(() -> {
            try {
                String summary = port.test(p, secret).summary();
                ui.execute(() -> {
                    testState.set(TestState.PASSED);
                    testResult.set(summary);
                });
            } catch (ConnectionException | RuntimeException e) {
                String msg = message(e);
                ui.execute(() -> {
                    testState.set(TestState.FAILED);
                    testResult.set(msg);
                });
            } finally {
                if (secret != null) {
                    Arrays.fill(secret, '\0');
                }
            }
        });
    }

    /** Saves the profile and hands the password to the secret store; does nothing while {@link #canSaveProperty()} is false. */
    public void save() {
        validate();
        if (!canSave.get()) {
            return;
        }
        Profile p = profile();
        char[] secret = secret();
        busy.set(true);
        saveError.set("");
        background.execute(() -> {
            try {
                Profile saved = port.save(p, secret);
                ui.execute(() -> {
                    busy.set(false);
                    password.set("");
                    onSaved.accept(saved);
                });
            } catch (ConnectionException | RuntimeException e) {
                String msg = i18n.get("connections.saveFailed", message(e));
                ui.execute(() -> {
                    busy.set(false);
                    saveError.set(msg);
                });
            } finally {
                if (secret != null) {
                    Arrays.fill(secret, '\0');
                }
            }
        });
    }

    static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public boolean secretStored() {
        return secretStored;
    }

    public StringProperty trustProperty() {
        return trust;
    }

    public StringProperty caFileProperty() {
        return caFile;
    }

    public ObjectProperty<Certificate> certificateProperty() {
        return certificate;
    }

    public BooleanProperty confirmedProperty() {
        return confirmed;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TestState> testStateProperty() {
        return testState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty certificateErrorProperty() {
        return certificateError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty saveErrorProperty() {
        return saveError.getReadOnlyProperty();
    }
}
