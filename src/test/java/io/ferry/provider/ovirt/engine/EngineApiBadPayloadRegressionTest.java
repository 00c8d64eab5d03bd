package io.ferry.provider.ovirt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.engine.EngineModel.Disk;
import io.ferry.provider.ovirt.engine.EngineModel.ImageTransfer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One example per bug the mutated replies ({@link EngineApiMutatedPayloadsTest}) found. */
class EngineApiBadPayloadRegressionTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final String URL = "https://engine/ovirt-engine/api/imagetransfers/t";

    @Test
    void anEmptyReplyForADiskOrATransferIsDataLossNotANullPointer() throws Exception {
        // before: call() returned null for an empty 200 and Disk.from / ImageTransfer.from threw NullPointerException
        assertThatThrownBy(() -> EngineClient.entity(EngineClient.readReply("GET imagetransfers/t", 200, "", URL),
                "GET imagetransfers/t", URL))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("expected the entity as a JSON object from the engine, got an empty reply")
                .satisfies(e -> assertThat(((TransferException) e).code()).isEqualTo(ErrorCode.DATA_LOSS));
        assertThatThrownBy(() -> EngineClient.entity(M.readTree("[]"), "GET disks/d", URL))
                .hasMessageContaining("got JSON array");
    }

    @Test
    void sizesAreExactOrMinusOneNeverTruncatedOrWrapped() throws Exception {
        Disk d = Disk.from(M.readTree("""
                {"provisioned_size": 1.5, "actual_size": 9223372036854775808, "initial_size": "9007199254740993"}"""));
        assertThat(d.provisionedSize()).isEqualTo(-1); // was 1
        assertThat(d.actualSize()).isEqualTo(-1); // was Long.MIN_VALUE (wrapped)
        assertThat(d.initialSize()).isEqualTo(9007199254740993L);
        ImageTransfer t = ImageTransfer.from(M.readTree("{\"inactivity_timeout\": \"4294967416\"}"));
        assertThat(t.inactivityTimeout()).isEqualTo(-1); // was 120 (the long cut to an int)
    }

    @Test
    void aPhaseThatIsNotTextIsUnknownWithItsRawJsonKept() throws Exception {
        ImageTransfer t = ImageTransfer.from(M.readTree("{\"phase\": {\"value\": \"transferring\"}}"));
        assertThat(t.phase()).isEqualTo("{\"value\":\"transferring\"}"); // was ""
        assertThat(TransferWatch.phaseOf(t.phase())).isEqualTo(TransferPhase.UNKNOWN);
    }

    @Test
    void anAccessTokenThatIsNotTextIsRefusedNotSentAsABearerToken() {
        assertThatThrownBy(() -> EngineClient.readLogin(200, "{\"access_token\": {\"value\": \"x\"}}", "admin@internal", URL,
                Instant.EPOCH))
                .isInstanceOf(TransferException.class)
                .satisfies(e -> assertThat(((TransferException) e).code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }
}
