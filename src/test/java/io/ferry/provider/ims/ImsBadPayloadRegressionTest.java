package io.ferry.provider.ims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One example per bug the mutated answers ({@link ImsMutatedPayloadsTest}) found. */
class ImsBadPayloadRegressionTest {

    @Test
    void aNegativeZeroPercentShowsAsZeroNotMinusZero() throws Exception {
        ImsJob job = ImsJob.from(new ObjectMapper().readTree(
                "{\"status\":\"RUNNING\",\"entities\":{\"process_percent\":-0.0},\"job_id\":\"j\"}"));
        Transfer t = ImsJobMapper.apply(
                Transfer.create("t", ImsProvider.ID, Direction.WATCH, "", "", "", Map.of(), Instant.EPOCH), job);

        assertThat(Double.doubleToRawLongBits(t.percent())).isEqualTo(Double.doubleToRawLongBits(0.0));
    }
}
