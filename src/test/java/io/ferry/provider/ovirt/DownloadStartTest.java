package io.ferry.provider.ovirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.ovirt.LocalTransferContext;
import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a download starts: never past what was fsynced, and a fresh start records that nothing was yet. */
class DownloadStartTest {
    private static final long MIB = 1L << 20;

    private static LocalTransferContext context(Map<String, String> attributes) {
        Transfer t = Transfer.create("t-1", OvirtProvider.ID, Direction.DOWNLOAD, "disk", "https://host/images/x",
                "/tmp/disk.raw", Map.of(), Instant.now());
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            t = t.withAttribute(e.getKey(), e.getValue());
        }
        return new LocalTransferContext(t, Clock.systemUTC(), null);
    }

    @Test
    void aFreshStartRecordsThatNothingIsFsyncedSoACrashBeforeTheFirstFsyncStartsOver() {
        // attributes of an earlier run whose partial file is gone
        LocalTransferContext ctx = context(Map.of("done_below", Long.toString(24 * MIB),
                "flushed_below", Long.toString(16 * MIB)));

        assertThat(ContextListener.downloadStart(ctx, false)).isZero();
        assertThat(ctx.current().attributes()).containsEntry("flushed_below", "0");
        // the crash comes before the first fsync, after 24 MiB were reported done
        assertThat(ContextListener.downloadStart(ctx, true)).isZero();
    }

    @Test
    void aResumeStopsAtTheLastFsyncAndSaysSo() {
        LocalTransferContext ctx = context(Map.of("done_below", Long.toString(24 * MIB),
                "flushed_below", Long.toString(8 * MIB)));

        assertThat(ContextListener.downloadStart(ctx, true)).isEqualTo(8 * MIB);
        assertThat(ctx.current().message()).contains("resumed at byte " + 8 * MIB);
    }

    @Test
    void aTransferFromAVersionWithoutTheRecordResumesAtItsDoneOffset() {
        LocalTransferContext ctx = context(Map.of("done_below", Long.toString(24 * MIB)));

        assertThat(ContextListener.downloadStart(ctx, true)).isEqualTo(24 * MIB);
    }
}
