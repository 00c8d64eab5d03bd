package io.ferry.provider.ovirt;

import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.engine.EngineClient;
import java.time.Duration;

/** Extends the image transfer's session on the engine at a fixed interval while data moves. */
final class Keepalive implements AutoCloseable {
    private final Thread thread;

    private Keepalive(Thread thread) {
        this.thread = thread;
    }

    static Keepalive start(EngineClient engine, String transferId, Duration every) {
        if (every.isZero() || every.isNegative()) {
            return new Keepalive(null);
        }
        Thread t = Thread.ofVirtual().name("ovirt-extend").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                    engine.action(transferId, "extend");
                } catch (InterruptedException e) {
                    return;
                } catch (TransferException e) {
                    // a failed extend is not fatal: the data requests report the real state
                }
            }
        });
        return new Keepalive(t);
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
