package io.ferry.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress of one long copy call, reported from a second thread while the call runs. */
class CallWatcherTest {
    private static final long EVERY = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void reportsHowFarTheCallGotWhileItRunsAndNothingOnceItReturned() throws Exception {
        AtomicLong written = new AtomicLong();
        List<Long> reports = new CopyOnWriteArrayList<>();
        long moved = CallWatcher.run(() -> {
            for (long at = 100; at <= 300; at += 100) {
                written.set(at);
                awaitReport(reports, at); // the call goes on only once the watcher has seen this much
            }
            return 300;
        }, written::get, reports::add, EVERY);

        assertThat(moved).isEqualTo(300);
        assertThat(reports).contains(100L, 200L, 300L).isSorted();
        int atReturn = reports.size();
        written.set(400);
        Thread.sleep(50);
        assertThat(reports).as("no report after the call returned").hasSize(atReturn);
    }

    @Test
    void aFailingCallFailsAsItIsAndAFailingSampleIsOnlyMissingProgress() throws Exception {
        AtomicLong samples = new AtomicLong();
        List<Long> reports = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> CallWatcher.run(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (samples.get() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            throw new IOException("No space left on device");
        }, () -> {
            samples.incrementAndGet();
            throw new IOException("stat failed");
        }, reports::add, EVERY)).isInstanceOf(IOException.class).hasMessage("No space left on device");

        assertThat(samples.get()).isGreaterThanOrEqualTo(3);
        assertThat(reports).isEmpty();
        long after = samples.get();
        Thread.sleep(50);
        assertThat(samples.get()).as("the watcher ended with the call").isEqualTo(after);
    }

    private static void awaitReport(List<Long> reports, long at) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!reports.contains(at)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the watcher never reported " + at);
            }
            Thread.onSpinWait();
        }
    }
}
