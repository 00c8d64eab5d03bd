package io.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void delaysGrowByTheFactorUpToTheCap() {
        RetryPolicy p = new RetryPolicy(Duration.ofMillis(250), 2.0, Duration.ofSeconds(3), 10, 0.0);
        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(p::nominalDelay))
                .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(p.nominalDelay(200)).isEqualTo(Duration.ofSeconds(3)); // no overflow far out
    }

    @Test
    void jitterOnlyShortensAndStaysWithinItsShare() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(4), 2.0, Duration.ofMinutes(1), 10, 0.25);
        Random r = new Random(11);
        long distinct = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> p.delay(3, r))
                .peek(d -> assertThat(d).isBetween(Duration.ofSeconds(12), Duration.ofSeconds(16)))
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(900);
    }

    @Test
    void nonsenseIsRefusedWithTheValue() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 3, 0))
                .hasMessageContaining("factor").hasMessageContaining("0.5");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0, 0))
                .hasMessageContaining("attempts");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 3, 1.5))
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(-1), 2, Duration.ofSeconds(1), 3, 0))
                .hasMessageContaining("negative");
    }
}
