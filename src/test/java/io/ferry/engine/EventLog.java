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
        return await(p, what, TIMEOUT).orElseThrow(() -> new AssertionError("timed out waiting for " + what
                + "; saw " + events().stream()
                        .map(e -> e.kind() + " " + e.transfer().phase() + " " + e.transfer().bytesDone())
                        .toList()));
    }

    /** Waits up to {@code timeout} for an event matching {@code p}. */
    java.util.Optional<TransferEvent> await(Predicate<TransferEvent> p, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (TransferEvent e : events) {
                    if (p.test(e)) {
                        return java.util.Optional.of(e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return java.util.Optional.empty();
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

    /** Lets a gated provider take one chunk at a time until {@code id} reaches {@code phase}. */
    Transfer stepUntil(java.util.concurrent.Semaphore permits, String id, TransferPhase phase) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            var hit = await(e -> e.transfer().id().equals(id) && e.kind() == TransferEvent.Kind.PHASE
                    && e.transfer().phase() == phase, phase.apiName(), Duration.ofMillis(50));
            if (hit.isPresent()) {
                return hit.get().transfer();
            }
            permits.release(1);
        }
        throw new AssertionError("timed out stepping " + id + " to " + phase);
    }

    Transfer awaitBytes(String id, long atLeast) {
        return await(e -> e.transfer().id().equals(id) && e.transfer().bytesDone() >= atLeast,
                id + " at " + atLeast + " bytes").transfer();
    }
}
