package io.ferry.provider.ovirt.imageio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import org.junit.jupiter.api.Test;

/** One example per bug the mutated replies ({@link ImageioMutatedPayloadsTest}) found. */
class ImageioBadPayloadRegressionTest {
    private static final String URL = "https://host:54322/images/…";

    @Test
    void anHtmlPageInsteadOfJsonSaysSoInsteadOfNamingJacksonsException() {
        assertThatThrownBy(() -> ImageioClient.readOptions("<html><title>502 Bad Gateway</title></html>", URL))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("OPTIONS: the server's reply is not JSON")
                .hasMessageContaining("<html><title>502 Bad Gateway")
                .hasMessageNotContaining("JsonParseException")
                .satisfies(e -> assertThat(((TransferException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE)); // retried as before
    }

    @Test
    void anExtentEndingPast2To63IsDataLossNotANegativeSize() {
        assertThatThrownBy(() -> ImageioClient.readExtents(
                "[{\"start\": 0, \"length\": 9223372036854775807}, {\"start\": 9223372036854775807, \"length\": 1}]", URL))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("extent ends past 2^63 bytes");
    }

    @Test
    void fractionalOrWrappedExtentNumbersAreRefused() {
        assertThatThrownBy(() -> ImageioClient.readExtents("[{\"start\": 0, \"length\": 1.5}]", URL))
                .hasMessageContaining("extents are not contiguous at 0");
        assertThatThrownBy(() -> ImageioClient.readExtents("[{\"start\": 0, \"length\": 18446744073709551616}]", URL))
                .hasMessageContaining("extents are not contiguous at 0");
    }

    @Test
    void hugeConnectionLimitsAreCappedNotWrapped() throws Exception {
        ImageioOptions o = ImageioClient.readOptions("{\"max_readers\": 4294967297, \"max_writers\": \"8\"}", URL);
        assertThat(o.maxReaders()).isEqualTo(Integer.MAX_VALUE); // was 1 (the long cut to an int)
        assertThat(o.maxWriters()).isEqualTo(8);
    }
}
