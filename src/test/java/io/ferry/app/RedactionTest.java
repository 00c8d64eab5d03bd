package io.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void imageioTicketIdsAreMaskedButTheHostStays() {
        assertThat(Redaction.redact("PUT https://host1.lab:54322/images/2c1a9d63-1f8e-4c3a-9b0f-5d0e7a1c4b22 failed: 503"))
                .isEqualTo("PUT https://host1.lab:54322/images/*** failed: 503");
        assertThat(Redaction.redact("proxy https://engine:54323/images/abc?x=1"))
                .isEqualTo("proxy https://engine:54323/images/***?x=1");
    }

    @Test
    void secretsAfterTheirNamesBearerTokensAndUrlPasswordsAreMasked() {
        assertThat(Redaction.redact("login password=hunter2 user=admin")).isEqualTo("login password=*** user=admin");
        assertThat(Redaction.redact("{\"awsSecretAccessKey\": \"NetApp123$\", \"region\": \"x\"}"))
                .isEqualTo("{\"awsSecretAccessKey\": \"***\", \"region\": \"x\"}");
        assertThat(Redaction.redact("Authorization: Bearer ya29.a0AfB_byC")).doesNotContain("ya29");
        assertThat(Redaction.redact("https://admin:s3cr3t@10.10.23.47/json-rpc/9.6")).isEqualTo("https://admin:***@10.10.23.47/json-rpc/9.6");
        assertThat(Redaction.redact("access_token=abc.def&expires=3600")).isEqualTo("access_token=***&expires=3600");
        assertThat(Redaction.redact("nothing to hide here")).isEqualTo("nothing to hide here");
    }
}
