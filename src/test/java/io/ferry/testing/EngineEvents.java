package io.ferry.testing;

import io.ferry.domain.Transfer;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects a real engine's events; waits for one with a generous deadline (no sleeps as synchronization). */
public final class EngineEvents implements TransferListener {
    private final List<TransferEvent> seen = new ArrayList<>();

    @Override
    public synchronized void onEvent(TransferEvent event) {
        seen.add(event);
        notifyAll();
    }

    /** The first transfer (by event order) matching {@code p}, within 60 s. */
    public synchronized Transfer await(Predicate<Transfer> p, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int from = 0;
        while (true) {
            for (; from < seen.size(); from++) {
                if (p.test(seen.get(from).transfer())) {
                    return seen.get(from).transfer();
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no event with " + what + " within 60 s; last: " + (seen.isEmpty() ? "none" : seen.getLast()));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** The final state of transfer {@code id}. */
    public Transfer awaitFinal(String id) {
        return await(t -> t.id().equals(id) && t.phase().isFinal(), "a final phase of " + id);
    }
}
