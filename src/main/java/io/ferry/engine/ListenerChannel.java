package io.ferry.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's own queue and virtual thread: a slow or throwing listener delays only itself. Events of one
 * transfer keep their order; a progress event still waiting is replaced by a newer one of the same transfer (the
 * latest snapshot wins), so a slow listener's queue holds at most one progress event per transfer.
 */
final class ListenerChannel {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerChannel.class);

    private final TransferListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Slot> queue = new ArrayDeque<>();
    private final Map<String, Slot> waitingProgress = new HashMap<>();
    private boolean closed;
    private boolean busy;
    private Thread thread;

    private static final class Slot {
        TransferEvent event;

        Slot(TransferEvent event) {
            this.event = event;
        }
    }

    ListenerChannel(TransferListener listener) {
        this.listener = listener;
    }

    void start() {
        thread = Thread.ofVirtual().name("ferry-listener").start(this::loop);
    }

    void offer(TransferEvent e) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            String id = e.transfer().id();
            if (e.kind() == TransferEvent.Kind.PROGRESS) {
                Slot waiting = waitingProgress.get(id);
                if (waiting != null) {
                    waiting.event = e;
                    return;
                }
                Slot s = new Slot(e);
                queue.addLast(s);
                waitingProgress.put(id, s);
            } else {
                queue.addLast(new Slot(e));
                waitingProgress.remove(id);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (true) {
            TransferEvent e;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return;
                }
                Slot s = queue.pollFirst();
                e = s.event;
                waitingProgress.remove(e.transfer().id(), s);
                busy = true;
            } finally {
                lock.unlock();
            }
            try {
                listener.onEvent(e);
            } catch (Throwable t) {
                LOG.warn("A transfer listener failed on {} of {}; it keeps receiving events", e.kind(),
                        e.transfer().id(), t);
            } finally {
                lock.lock();
                try {
                    busy = false;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Waits up to {@code d} for the queue to drain. */
    boolean drain(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        lock.lock();
        try {
            while (!queue.isEmpty() || busy) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    changed.await(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking events; what is queued is still delivered, then the thread ends. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops at once, dropping what is queued. */
    void cancel() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            waitingProgress.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
