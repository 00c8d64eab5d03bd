package io.ferry.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.ui.connections.ConnectionsPort.Certificate;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.connections.ProfileEditorViewModel.TestState;
import io.ferry.ui.i18n.I18n;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile editor without a stage: validation, certificate confirmation, test results, where the password goes. */
class ProfileEditorViewModelTest {
    private static final Certificate ENGINE_CA = new Certificate("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            "AB:CD:EF:01:23", "CN=engine.example.com CA", "the engine's https certificate is signed by it");

    @TempDir
    Path tmp;

    private final InMemoryConnections port = new InMemoryConnections();
    private final I18n i18n = new I18n(Locale.ENGLISH);
    private final List<Profile> saved = new ArrayList<>();

    private ProfileEditorViewModel editor(Kind kind) {
        return new ProfileEditorViewModel(port, i18n, Runnable::run, Runnable::run, new Profile("", kind, "", Map.of()), false, saved::add);
    }

    private ProfileEditorViewModel ovirtFilledIn() {
        ProfileEditorViewModel vm = editor(Kind.OVIRT);
        vm.nameProperty().set("Production");
        vm.field(ProfileFields.ENGINE).set("https://engine.example.com");
        vm.field(ProfileFields.USER).set("admin@internal");
        vm.passwordProperty().set("s3cret!");
        return vm;
    }

    @Test
    void saysWhatIsMissingFieldByField() {
        ProfileEditorViewModel vm = editor(Kind.OVIRT);
        assertThat(vm.problemProperty().get()).isEqualTo("Give the connection a name.");
        vm.nameProperty().set("Production");
        assertThat(vm.problemProperty().get()).isEqualTo("Engine URL is required.");
        vm.field(ProfileFields.ENGINE).set("engine.example.com");
        assertThat(vm.problemProperty().get()).isEqualTo("Engine URL must be an http:// or https:// URL, not “engine.example.com”.");
        vm.field(ProfileFields.ENGINE).set("https://engine.example.com");
        vm.field(ProfileFields.USER).set("admin@internal");
        assertThat(vm.problemProperty().get()).startsWith("Enter the password");
        vm.passwordProperty().set("pw");
        assertThat(vm.problemProperty().get()).startsWith("Fetch the certificate");
        assertThat(vm.canSaveProperty().get()).isFalse();
    }

    @Test
    void aFetchedEngineCaMustBeConfirmedBeforeSaving() {
        port.certificates.put(Kind.OVIRT, ENGINE_CA);
        ProfileEditorViewModel vm = ovirtFilledIn();
        vm.fetchCertificate();
        assertThat(vm.certificateProperty().get().sha256()).isEqualTo("AB:CD:EF:01:23");
        assertThat(vm.canSaveProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).isEqualTo("Compare the SHA-256 fingerprint and confirm it before saving.");
        vm.save();
        assertThat(port.profiles).isEmpty();

        vm.confirmedProperty().set(true);
        assertThat(vm.canSaveProperty().get()).isTrue();
        vm.save();
        Profile p = port.profiles.values().iterator().next();
        assertThat(p.field(ProfileFields.CERT_SHA256)).isEqualTo("AB:CD:EF:01:23");
        assertThat(p.field(ProfileFields.CERT_PEM)).contains("BEGIN CERTIFICATE");
        assertThat(p.field(ProfileFields.TRUST)).isEqualTo(ProfileFields.TRUST_FETCHED);
        assertThat(saved).containsExactly(p);
    }

    @Test
    void changingTheAddressDropsTheFetchedCertificateAndItsConfirmation() {
        port.certificates.put(Kind.OVIRT, ENGINE_CA);
        ProfileEditorViewModel vm = ovirtFilledIn();
        vm.fetchCertificate();
        vm.confirmedProperty().set(true);
        vm.field(ProfileFields.ENGINE).set("https://other-engine.example.com");
        assertThat(vm.certificateProperty().get()).isNull();
        assertThat(vm.confirmedProperty().get()).isFalse();
        assertThat(vm.canSaveProperty().get()).isFalse();
    }

    @Test
    void aCertificateThatCannotBeFetchedSaysWhy() {
        ProfileEditorViewModel vm = ovirtFilledIn();
        vm.fetchCertificate();
        assertThat(vm.certificateErrorProperty().get()).isEqualTo("Could not fetch the certificate: connection refused: https://engine.example.com");
        assertThat(vm.canSaveProperty().get()).isFalse();
    }

    @Test
    void aCaFileNeedsNoFingerprintButMustExist() throws Exception {
        ProfileEditorViewModel vm = ovirtFilledIn();
        vm.trustProperty().set(ProfileFields.TRUST_FILE);
        assertThat(vm.problemProperty().get()).startsWith("Choose the engine’s CA certificate file");
        vm.caFileProperty().set(tmp.resolve("missing.pem").toString());
        assertThat(vm.problemProperty().get()).contains("missing.pem").contains("is not a readable file");
        Path ca = Files.writeString(tmp.resolve("ca.pem"), ENGINE_CA.pem());
        vm.caFileProperty().set(ca.toString());
        assertThat(vm.canSaveProperty().get()).isTrue();
        vm.save();
        assertThat(port.profiles.values()).singleElement().satisfies(p -> {
            assertThat(p.field(ProfileFields.CA_FILE)).isEqualTo(ca.toString());
            assertThat(p.fields()).doesNotContainKey(ProfileFields.CERT_SHA256);
        });
    }

    @Test
    void storageTransferAndImsProfilesTakeAnOptionalCaBundle() throws Exception {
        Path ca = Files.writeString(tmp.resolve("company-ca.pem"), ENGINE_CA.pem());
        for (Kind kind : List.of(Kind.GCS, Kind.IMS)) {
            ProfileEditorViewModel vm = editor(kind);
            assertThat(vm.fieldSpecs()).filteredOn(f -> f.key().equals(ProfileFields.CA_FILE)).singleElement()
                    .satisfies(f -> {
                        assertThat(f.required()).isFalse();
                        assertThat(f.check()).isEqualTo(ProfileFields.Check.FILE);
                        assertThat(i18n.get(f.labelKey())).isEqualTo("CA certificate (PEM)");
                        assertThat(i18n.get(f.promptKey())).contains("instead of the system store");
                    });
            vm.nameProperty().set("with CA " + kind);
            for (ProfileFields.Field f : vm.fieldSpecs()) {
                if (f.required()) {
                    vm.field(f.key()).set(f.check() == ProfileFields.Check.URL ? "https://example.com" : "x");
                }
            }
            if (ProfileFields.needsPassword(kind)) {
                vm.passwordProperty().set("pw");
            }
            assertThat(vm.canSaveProperty().get()).as("blank: the system trust store").isTrue();
            vm.field(ProfileFields.CA_FILE).set(tmp.resolve("missing.pem").toString());
            assertThat(vm.problemProperty().get()).contains("CA certificate (PEM)", "missing.pem");
            vm.field(ProfileFields.CA_FILE).set(ca.toString());
            assertThat(vm.canSaveProperty().get()).isTrue();
            assertThat(vm.profile().field(ProfileFields.CA_FILE)).isEqualTo(ca.toString());
        }
    }

    @Test
    void thePasswordGoesToTheSecretStoreAndNeverIntoTheProfile() throws Exception {
        ProfileEditorViewModel vm = ovirtFilledIn();
        vm.trustProperty().set(ProfileFields.TRUST_FILE);
        vm.caFileProperty().set(Files.writeString(tmp.resolve("ca.pem"), ENGINE_CA.pem()).toString());
        assertThat(vm.profile().fields().values()).doesNotContain("s3cret!");
        vm.save();
        Profile p = port.profiles.values().iterator().next();
        assertThat(p.fields().values()).noneMatch(v -> v.contains("s3cret!"));
        assertThat(port.secrets).containsEntry(p.id(), "s3cret!");
        assertThat(vm.passwordProperty().get()).isEmpty();
    }

    @Test
    void editingKeepsTheStoredPasswordWhenLeftEmpty() throws Exception {
        Path ca = Files.writeString(tmp.resolve("ca.pem"), ENGINE_CA.pem());
        Profile existing = port.save(new Profile("", Kind.OVIRT, "Lab", Map.of(ProfileFields.ENGINE, "https://lab",
                ProfileFields.USER, "admin@internal", ProfileFields.TRUST, ProfileFields.TRUST_FILE,
                ProfileFields.CA_FILE, ca.toString())), "old".toCharArray());
        ProfileEditorViewModel vm = new ProfileEditorViewModel(port, i18n, Runnable::run, Runnable::run, existing, true, saved::add);
        assertThat(vm.canSaveProperty().get()).isTrue();
        vm.field(ProfileFields.USER).set("ops@internal");
        vm.save();
        assertThat(port.profiles.get(existing.id()).field(ProfileFields.USER)).isEqualTo("ops@internal");
        assertThat(port.secrets).containsEntry(existing.id(), "old");
    }

    @Test
    void aTestShowsWhatAnsweredOrAClearError() {
        ProfileEditorViewModel vm = ovirtFilledIn();
        port.testSummary = "oVirt Engine 4.5.6.2-1.el9 — 3 storage domains";
        vm.test();
        assertThat(vm.testStateProperty().get()).isEqualTo(TestState.PASSED);
        assertThat(vm.testResultProperty().get()).isEqualTo("oVirt Engine 4.5.6.2-1.el9 — 3 storage domains");
        assertThat(port.testedWithSecret).containsExactly("s3cret!");
        assertThat(port.tested.getFirst().fields().values()).doesNotContain("s3cret!");

        port.testFails = "UNAUTHENTICATED: the engine refused user admin@internal (401); check the user and password";
        vm.test();
        assertThat(vm.testStateProperty().get()).isEqualTo(TestState.FAILED);
        assertThat(vm.testResultProperty().get()).startsWith("UNAUTHENTICATED: the engine refused");

        vm.field(ProfileFields.USER).set("admin@internal2");
        assertThat(vm.testStateProperty().get()).as("an edit makes the last result stale").isEqualTo(TestState.NONE);
        assertThat(vm.testResultProperty().get()).isEmpty();
    }

    @Test
    void gcsNeedsAProjectAndAnExistingKeyFileOrNoneForAdc() throws Exception {
        ProfileEditorViewModel vm = editor(Kind.GCS);
        vm.nameProperty().set("Data lake");
        assertThat(vm.problemProperty().get()).isEqualTo("Project is required.");
        vm.field(ProfileFields.PROJECT).set("ferry-prod");
        assertThat(vm.canSaveProperty().get()).as("ADC needs no key file and no password").isTrue();
        vm.field(ProfileFields.KEY_FILE).set(tmp.resolve("nope.json").toString());
        assertThat(vm.problemProperty().get()).contains("Service-account key").contains("nope.json");
        vm.field(ProfileFields.KEY_FILE).set(Files.writeString(tmp.resolve("key.json"), "{}").toString());
        vm.save();
        assertThat(port.profiles.values()).singleElement().satisfies(p -> assertThat(p.fields())
                .containsEntry(ProfileFields.PROJECT, "ferry-prod").containsKey(ProfileFields.KEY_FILE));
        assertThat(port.secrets).isEmpty();
    }

    @Test
    void elementAlwaysPinsAConfirmedCertificate() {
        port.certificates.put(Kind.ELEMENT, new Certificate("", "11:22:33", "CN=SolidFire", ""));
        ProfileEditorViewModel vm = editor(Kind.ELEMENT);
        vm.nameProperty().set("Cluster A");
        vm.field(ProfileFields.MVIP).set("10.0.0.10");
        assertThat(vm.problemProperty().get()).isEqualTo("MVIP must be an http:// or https:// URL, not “10.0.0.10”.");
        vm.field(ProfileFields.MVIP).set("https://10.0.0.10");
        assertThat(vm.field(ProfileFields.API_VERSION).get()).isEqualTo("12.5");
        vm.field(ProfileFields.USERNAME).set("admin");
        vm.passwordProperty().set("pw");
        assertThat(vm.problemProperty().get()).startsWith("Fetch the certificate");
        vm.fetchCertificate();
        assertThat(vm.canSaveProperty().get()).isFalse();
        vm.confirmedProperty().set(true);
        vm.field(ProfileFields.API_VERSION).set("twelve");
        assertThat(vm.problemProperty().get()).isEqualTo("API version must be a version such as 12.5, not “twelve”.");
        vm.field(ProfileFields.API_VERSION).set("12.3");
        vm.save();
        assertThat(port.profiles.values()).singleElement().satisfies(p ->
                assertThat(p.fields()).containsEntry("pinnedSha256", "11:22:33").containsEntry("apiVersion", "12.3")
                        .containsEntry("endpoint", "https://10.0.0.10").containsEntry("username", "admin"));
    }

    @Test
    void imsNeedsBothEndpointsAndItsAccountFields() {
        ProfileEditorViewModel vm = editor(Kind.IMS);
        vm.nameProperty().set("OTC eu-de");
        vm.field(ProfileFields.REGION).set("eu-de");
        vm.field(ProfileFields.IAM_ENDPOINT).set("iam.eu-de");
        assertThat(vm.problemProperty().get()).startsWith("IAM endpoint must be an http:// or https:// URL");
        vm.field(ProfileFields.IAM_ENDPOINT).set("https://iam.eu-de.otc.t-systems.com");
        vm.field(ProfileFields.IMS_ENDPOINT).set("https://ims.eu-de.otc.t-systems.com");
        vm.field(ProfileFields.DOMAIN).set("OTC-EU-DE-0001");
        vm.field(ProfileFields.USER).set("ferry");
        vm.field(ProfileFields.PROJECT).set("eu-de_ferry");
        assertThat(vm.problemProperty().get()).startsWith("Enter the password");
        vm.passwordProperty().set("pw");
        assertThat(vm.canSaveProperty().get()).isTrue();
        assertThat(vm.profile().fields()).containsKeys("region", "iamEndpoint", "imsEndpoint", "domain", "user", "project")
                .doesNotContainKey("projectId");
    }

    @Test
    void problemsFollowTheLanguage() {
        ProfileEditorViewModel vm = editor(Kind.GCS);
        i18n.setLocale(Locale.JAPANESE);
        assertThat(vm.problemProperty().get()).isEqualTo("接続に名前を付けてください。");
        i18n.setLocale(Locale.FRENCH);
        assertThat(vm.problemProperty().get()).isEqualTo("Donnez un nom à la connexion.");
    }
}
