package io.ferry.engine;

import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/** A listener that keeps every event and lets a test wait for one (no sleeping). */
final class EventLog implements TransferListener {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<TransferEvent> events = new ArrayList<>();

    @Override
    public void onEvent(TransferEvent event) {
        lock.lock();
        try {
            events.add(event);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<TransferEvent> events() {
        lock.lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.unlock();
        }
    }

    List<TransferEvent> of(String id) {
        return events().stream().filter(e -> e.transfer().id().equals(id)).toList();
    }

    List<TransferPhase> phases(String id) {
        return of(id).stream()
                .filter(e -> e.kind() == TransferEvent.Kind.PHASE)
                .map(e -> e.transfer().phase())
                .distinct()
                .toList();
    }

    /** Waits for an event matching {@code p}; fails the test after {@link #TIMEOUT}. */
    TransferEvent await(Predicate<TransferEvent> p, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        lock.lock();
        try {
            while (true) {
                for (TransferEvent e : events) {
                    if (p.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; saw " + events.stream()
                            .map(e -> e.kind() + " " + e.transfer().phase() + " " + e.transfer().bytesDone())
                            .toList());
                }
                arrived.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    Transfer awaitPhase(String id, TransferPhase phase) {
        return await(e -> e.transfer().id().equals(id) && e.kind() == TransferEvent.Kind.PHASE
                && e.transfer().phase() == phase, id + " in " + phase).transfer();
    }

    Transfer awaitBytes(String id, long atLeast) {
        return await(e -> e.transfer().id().equals(id) && e.transfer().bytesDone() >= atLeast,
                id + " at " + atLeast + " bytes").transfer();
    }
}
