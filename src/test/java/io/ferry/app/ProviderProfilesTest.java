package io.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.store.ConnectionProfile;
import io.ferry.store.EncryptedFileSecretStore;
import io.ferry.store.ProfileType;
import io.ferry.store.SecretStore;
import io.ferry.store.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store profiles + secret store → the providers' profile records, the password read only when connecting. */
class ProviderProfilesTest {
    @TempDir
    Path dir;

    @Test
    void elementAndImsProfilesAreFoundByIdOrNameWithTheirSecret() {
        SecretStore secrets = new EncryptedFileSecretStore(dir, "pass".toCharArray());
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.saveProfile(new ConnectionProfile("e1", ProfileType.ELEMENT, "lab cluster", Map.of(
                    ProviderProfiles.ELEMENT_ENDPOINT, "https://10.10.23.47:443", ProviderProfiles.ELEMENT_USERNAME, "admin",
                    ProviderProfiles.ELEMENT_PIN, "AB:CD", ProviderProfiles.TIMEOUT_SECONDS, "12"),
                    ConnectionProfile.secretRefFor("e1")));
            secrets.put(ConnectionProfile.secretRefFor("e1"), "NetApp123$");
            store.saveProfile(new ConnectionProfile("i1", ProfileType.IMS, "otc", Map.of(
                    ProviderProfiles.IMS_REGION, "eu-de", ProviderProfiles.IMS_DOMAIN, "OTC-EU-DE-000", ProviderProfiles.IMS_USER, "op",
                    ProviderProfiles.IMS_CA_FILE, "/etc/ferry/company-ca.pem"),
                    ConnectionProfile.secretRefFor("i1")));
            secrets.put(ConnectionProfile.secretRefFor("i1"), "otc-pw");

            ProviderProfiles profiles = new ProviderProfiles(store, () -> Optional.of(secrets));
            var byName = profiles.element("lab cluster").orElseThrow();
            assertThat(byName.endpoint()).isEqualTo("https://10.10.23.47:443");
            assertThat(byName.username()).isEqualTo("admin");
            assertThat(byName.password()).isEqualTo("NetApp123$");
            assertThat(byName.pinnedSha256()).isEqualTo("AB:CD");
            assertThat(byName.timeout()).isEqualTo(Duration.ofSeconds(12));
            assertThat(byName.toString()).doesNotContain("NetApp123$");
            assertThat(profiles.element("e1")).contains(byName);
            assertThat(profiles.element("otc")).as("the type must match").isEmpty();
            assertThat(profiles.element("nope")).isEmpty();

            var ims = profiles.ims("otc").orElseThrow();
            assertThat(ims.password()).isEqualTo("otc-pw");
            assertThat(ims.iamEndpoint()).isEqualTo("https://iam.eu-de.otc.t-systems.com/v3");
            assertThat(ims.caFile()).as("the connection editor's CA field").isEqualTo("/etc/ferry/company-ca.pem");
            assertThat(ProviderProfiles.IMS_CA_FILE).isEqualTo(io.ferry.ui.connections.ProfileFields.CA_FILE);

            ProviderProfiles noSecrets = new ProviderProfiles(store, Optional::empty);
            assertThat(noSecrets.element("e1").orElseThrow().password()).isEmpty();
        }
    }
}
