package io.ferry.provider.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuth through google-auth-library with a service-account key (RSA, generated per run) against the in-repo
 * token endpoint, which verifies the RS256 assertion; a 401 renews the token once, a second 401 is
 * UNAUTHENTICATED.
 */
class GcsTokenRenewalAgainstInRepoTokenServerTest {
    @TempDir
    Path dir;

    FakeStorageTransferServer sts;

    @BeforeEach
    void start() throws Exception {
        sts = new FakeStorageTransferServer();
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    @Test
    void aKeyFileGetsATokenFromItsTokenUriAndKnowsItsProject() throws Exception {
        Path key = sts.writeServiceAccountKey(dir, "key-project");
        GcsAuth auth = GcsAuth.keyFile(key, null);
        assertThat(auth.projectId()).contains("key-project");
        assertThat(auth.describe()).contains("ferry-test@key-project.iam.gserviceaccount.com").doesNotContain("PRIVATE");
        var client = new StorageTransferClient(sts.endpoint(), auth, Duration.ofSeconds(10));
        sts.addOperation("1", "key-project", List.of());

        assertThat(client.listOperations(OperationFilter.project("key-project"), 0)).hasSize(1);
        assertThat(client.listOperations(OperationFilter.project("key-project"), 0)).hasSize(1);
        assertThat(sts.tokensIssued()).isEqualTo(1); // cached between calls
        assertThat(sts.apiRequests()).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer ya29.fake-1"));
    }

    @Test
    void theTokenEndpointCanBeOverriddenThroughTheBuilder() throws Exception {
        Path key = sts.writeServiceAccountKey(dir, "p");
        // a key whose token_uri points nowhere useful: the override must win
        String text = Files.readString(key).replace(sts.tokenUri().toString(), "https://oauth2.invalid/token");
        Files.writeString(key, text);
        var client = new StorageTransferClient(sts.endpoint(), GcsAuth.keyFile(key, sts.tokenUri()), Duration.ofSeconds(10));
        sts.addOperation("1", "p", List.of());
        assertThat(client.listOperations(OperationFilter.project("p"), 0)).hasSize(1);
        assertThat(sts.tokensIssued()).isEqualTo(1);
    }

    @Test
    void a401RenewsTheTokenOnceAndTheCallSucceeds() throws Exception {
        var client = new StorageTransferClient(sts.endpoint(), GcsAuth.keyFile(sts.writeServiceAccountKey(dir, "p"), null), Duration.ofSeconds(10));
        var op = sts.addOperation("1", "p", List.of());
        client.getOperation(op.name());
        sts.revokeIssuedTokens(); // the server forgets ya29.fake-1, as after a revocation

        assertThat(client.getOperation(op.name()).name()).isEqualTo(op.name());

        assertThat(sts.tokensIssued()).isEqualTo(2);
        assertThat(sts.apiRequests()).extracting(r -> r.getHeaders().get("Authorization"))
                .containsExactly("Bearer ya29.fake-1", "Bearer ya29.fake-1", "Bearer ya29.fake-2");
    }

    @Test
    void aSecond401AfterRenewalIsUnauthenticatedWithoutALoop() throws Exception {
        var client = new StorageTransferClient(sts.endpoint(), GcsAuth.keyFile(sts.writeServiceAccountKey(dir, "p"), null), Duration.ofSeconds(10));
        sts.refuseAllTokens();

        assertThatThrownBy(() -> client.getOperation("transferOperations/x")).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(e.sample().url()).endsWith("/v1/transferOperations/x");
            assertThat(e.sample().errorDetails().getFirst()).contains("HTTP 401").contains("invalid authentication credentials");
        });
        assertThat(sts.tokensIssued()).isEqualTo(2); // first token + exactly one renewal
        assertThat(sts.apiRequests()).hasSize(2);
    }

    @Test
    void aTokenEndpointThatRefusesTheKeyIsUnauthenticatedNamingTheEndpoint() throws Exception {
        var client = new StorageTransferClient(sts.endpoint(), GcsAuth.keyFile(sts.writeServiceAccountKey(dir, "p"), null), Duration.ofSeconds(10));
        sts.refuseTokenRequests();
        assertThatThrownBy(() -> client.getOperation("x")).isInstanceOfSatisfying(TransferException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(e.sample().url()).isEqualTo(sts.tokenUri().toString());
            assertThat(e.getMessage()).contains("refused the credentials").contains("invalid_grant");
        });
        assertThat(sts.apiRequests()).isEmpty();
    }

    @Test
    void aMissingOrBrokenKeyFileIsAClearMessage() throws Exception {
        assertThatThrownBy(() -> GcsAuth.keyFile(dir.resolve("nope.json"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.json").hasMessageContaining("does not exist");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"type\":\"service_account\"}");
        assertThatThrownBy(() -> GcsAuth.keyFile(broken, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.json").hasMessageContaining("not a usable");
    }
}
