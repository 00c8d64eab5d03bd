package io.ferry.provider.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollLoopTest {
    static Transfer transfer(Map<String, String> options) {
        return Transfer.create("t", "ims", Direction.WATCH, "", "", "", options, Instant.EPOCH);
    }

    @ParameterizedTest(name = "\"{0}\" → {1} ms")
    @CsvSource({"5, 5000", "0.5, 500", "PT2S, 2000", "pt1m, 60000", "soon, 3000", "-4, 3000", "'', 3000"})
    void theIntervalOptionIsSecondsOrAnIsoDurationAndAnythingElseKeepsTheDefault(String raw, long millis) {
        PollLoop l = PollLoop.fromOptions(transfer(Map.of(PollLoop.OPTION_INTERVAL, raw)), Duration.ofSeconds(3));
        assertThat(l.interval()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void noCheckpointBeforeTheFirstSuccessfulPollSoTheFirstPhaseReportedIsTheRemoteOne() throws Exception {
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Map.of()));
        AtomicInteger calls = new AtomicInteger();
        new PollLoop(Duration.ofSeconds(1), Duration.ofSeconds(10), 5).run(ctx, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new TransferException(ErrorCode.UNAVAILABLE, "u", "503");
            }
            return calls.get() == 3;
        });
        assertThat(calls).hasValue(3);
        assertThat(ctx.checkpointCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(ErrorCode.class)
    void whichCodesAreWorthAnotherPoll(ErrorCode code) {
        boolean expected = switch (code) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNKNOWN -> true;
            default -> false;
        };
        assertThat(PollLoop.isTransient(code)).isEqualTo(expected);
    }

    @Test
    void backoffDoublesAndIsCapped() {
        PollLoop l = new PollLoop(Duration.ofSeconds(1), Duration.ofSeconds(10), 9);
        assertThat(l.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(l.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(l.backoff(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(l.backoff(4)).isEqualTo(Duration.ofSeconds(10));
        assertThat(l.backoff(60)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anErrorRetryingCannotFixStopsAtOnceAndIsLeftToTheEngineToRecord() {
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Map.of()));
        AtomicInteger calls = new AtomicInteger();
        PollLoop l = new PollLoop(Duration.ofSeconds(1), Duration.ofSeconds(10), 5);
        assertThatThrownBy(() -> l.run(ctx, () -> {
                    calls.incrementAndGet();
                    throw new TransferException(ErrorCode.UNAUTHENTICATED, "u", "token rejected");
                }))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThat(calls).hasValue(1);
        assertThat(ctx.current().errors().isEmpty()).isTrue();
        assertThat(ctx.sleeps).isEmpty();
    }

    @Test
    void transientErrorsAreRecordedAndRetriedUpToTheLimit() {
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Map.of()));
        AtomicInteger calls = new AtomicInteger();
        PollLoop l = new PollLoop(Duration.ofSeconds(1), Duration.ofSeconds(60), 3);
        assertThatThrownBy(() -> l.run(ctx, () -> {
                    calls.incrementAndGet();
                    throw new TransferException(ErrorCode.UNAVAILABLE, "u", "503");
                }))
                .isInstanceOf(TransferException.class);
        assertThat(calls).hasValue(3);
        assertThat(ctx.current().errors().count(ErrorCode.UNAVAILABLE)).isEqualTo(2);
        assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aSuccessfulPollResetsTheFailureCountAndAPauseStopsTheLoop() {
        RecordingTransferContext ctx = new RecordingTransferContext(transfer(Map.of()));
        ctx.stopAfter(2);
        AtomicInteger calls = new AtomicInteger();
        PollLoop l = new PollLoop(Duration.ofSeconds(1), Duration.ofSeconds(60), 2);
        assertThatThrownBy(() -> l.run(ctx, () -> {
                    if (calls.incrementAndGet() % 2 == 1) {
                        throw new TransferException(ErrorCode.DEADLINE_EXCEEDED, "u", "timeout");
                    }
                    return false;
                }))
                .isInstanceOf(TransferStopped.class);
        assertThat(calls).hasValue(4);
        assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }
}
