package io.ferry.provider.local;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Reports the progress of one long system call (a {@code copy_file_range} of up to 2 GiB) from a second thread:
 * every {@code everyNanos} it samples how far the call got and hands that to {@code report}, until the call
 * returns. When {@link #run} returns, the watcher has ended and made its last report, so the caller's own next
 * report is never overtaken by an older one.
 */
final class CallWatcher {
    @FunctionalInterface
    interface Call {
        long run() throws IOException;
    }

    @FunctionalInterface
    interface Sample {
        long get() throws IOException;
    }

    private CallWatcher() {}

    static long run(Call call, Sample sample, LongConsumer report, long everyNanos) throws IOException {
        AtomicBoolean over = new AtomicBoolean();
        Thread watcher = Thread.ofVirtual().name("ferry-copy-progress").start(() -> {
            while (true) {
                LockSupport.parkNanos(everyNanos);
                if (over.get()) {
                    return;
                }
                try {
                    long at = sample.get();
                    if (over.get()) {
                        return;
                    }
                    report.accept(at);
                } catch (IOException | RuntimeException e) {
                    // progress only: the call itself reports what went wrong
                }
            }
        });
        try {
            return call.run();
        } finally {
            over.set(true);
            LockSupport.unpark(watcher);
            boolean interrupted = false;
            while (true) {
                try {
                    watcher.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the watcher ends by itself in a moment; keep the interrupt for the caller
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
