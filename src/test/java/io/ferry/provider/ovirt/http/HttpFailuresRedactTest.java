package io.ferry.provider.ovirt.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import java.io.IOException;
import java.net.ConnectException;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** The ticket of an imageio URL never reaches a failure's message or sample, whatever the I/O error says. */
class HttpFailuresRedactTest {
    private static final String TICKET = "6d1c0f3e-8a2b-4c5d-9e7f-0a1b2c3d4e5f";
    private static final String URL = "https://host:54322/images/" + TICKET;

    @Test
    void anIoErrorQuotingTheUrlIsShownWithTheTicketRedacted() {
        for (IOException e : new IOException[] {new IOException("unexpected end of stream on " + URL + "/extents"),
                new ConnectException("Failed to connect to " + URL), new SSLException("closed during " + URL)}) {
            TransferException t = HttpFailures.fromIo("PUT", Redact.url(URL), e);
            assertThat(t.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(t.getMessage()).as(e.toString()).doesNotContain(TICKET).contains("/images/***");
            assertThat(t.sample().toString()).doesNotContain(TICKET);
        }
    }

    @Test
    void redactKeepsTheRestOfTheUrl() {
        assertThat(Redact.url(URL + "/extents?context=zero")).isEqualTo("https://host:54322/images/***/extents?context=zero");
        assertThat(Redact.url("https://host:54322/info")).isEqualTo("https://host:54322/info");
    }
}
