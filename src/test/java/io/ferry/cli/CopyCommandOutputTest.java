package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.ErrorCode;
import io.ferry.store.RunnerLock;
import io.ferry.store.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `ferry copy` prints and returns, over a scripted engine that really copies (the engine has its own tests). */
class CopyCommandOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private CliHarness harness(ErrorCode failWith) {
        return new CliHarness(dataDir, List.of(), (journal, secrets, providers, settings) -> new ScriptedTransferService(journal, failWith));
    }

    @Test
    void jsonPrintsOneObjectPerPhaseChangeThenASummaryInSeed002Shape() throws Exception {
        Path src = Files.write(work.resolve("disk.img"), new byte[3 << 20]);
        Path dst = work.resolve("copy.img");
        var r = harness(null).run("copy", "--json", src.toString(), dst.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        List<JsonNode> lines = r.out().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
        assertThat(lines).extracting(n -> n.get("event").asText() + ":" + n.get("phase").asText()).containsExactly(
                "phase:initializing", "phase:transferring", "phase:finalizing_success", "phase:finished_success",
                "summary:finished_success");
        JsonNode summary = lines.getLast();
        assertThat(summary.get("id").asText()).isNotBlank();
        assertThat(summary.get("bytesDone").asLong()).isEqualTo(3 << 20);
        assertThat(summary.get("counters").isObject()).isTrue();
        assertThat(summary.get("errorBreakdowns").isArray()).isTrue();
        assertThat(summary.get("history")).hasSize(4);
        assertThat(dst).hasSameBinaryContentAs(src);
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            assertThat(store.load(summary.get("id").asText()).orElseThrow().phase().apiName()).isEqualTo("finished_success");
        }
        assertThat(RunnerLock.runnerPid(dataDir)).as("the runner lock is released after the copy").isEmpty();
    }

    @Test
    void plainOutputIsOneLinePerPhaseAndASummary() throws Exception {
        Path src = Files.write(work.resolve("a.bin"), new byte[1 << 20]);
        var r = harness(null).run("copy", src.toString(), work.resolve("b.bin").toString());
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("initializing", "(created)");
        assertThat(lines.get(1)).contains("transferring", "(started)");
        assertThat(lines.get(3)).contains("finished_success", "(verified)");
        assertThat(lines.get(4)).startsWith("finished_success  a.bin  1.00 MiB");
        assertThat(r.out()).doesNotContain("\r");
    }

    @Test
    void aFailedVerificationExits1WithOneLineAndDataLossInTheSummary() throws Exception {
        Path src = Files.write(work.resolve("a.bin"), new byte[1 << 20]);
        Path dst = work.resolve("b.bin");
        var r = harness(ErrorCode.DATA_LOSS).run("copy", "--json", src.toString(), dst.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("Verification failed (data differs): " + dst);
        JsonNode summary = JSON.readTree(r.out().lines().toList().getLast());
        assertThat(summary.get("phase").asText()).isEqualTo("finished_failure");
        assertThat(summary.get("errorBreakdowns").get(0).get("errorCode").asText()).isEqualTo("DATA_LOSS");
        assertThat(summary.get("errorBreakdowns").get(0).get("errorCount").asText()).isEqualTo("1");
        assertThat(dst).doesNotExist();
    }

    @Test
    void noSpaceFoundWhileCopyingIsBadInputExit2() throws Exception {
        Path src = Files.write(work.resolve("a.bin"), new byte[1 << 20]);
        var r = harness(ErrorCode.RESOURCE_EXHAUSTED).run("copy", src.toString(), work.resolve("b.bin").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("Not enough space: ");
    }

    @Test
    void theLiveLineShowsBarPercentBytesSpeedAndEta() {
        var t = io.ferry.domain.Transfer.create("id", "local", io.ferry.domain.Direction.COPY, "disk.img", "/a", "/b",
                        java.util.Map.of(), java.time.Instant.EPOCH)
                .withPhase(io.ferry.domain.TransferPhase.TRANSFERRING, java.time.Instant.EPOCH, "started")
                .withBytes(1L << 30, 4L << 30);
        assertThat(ProgressPrinter.liveLine(t, 256.0 * (1 << 20)))
                .isEqualTo("disk.img  transferring       [######------------------]  25%  1.00 GiB / 4.00 GiB  256 MiB/s  ETA 0:12");
    }
}
