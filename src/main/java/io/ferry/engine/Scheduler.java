package io.ferry.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The queue: first in, first out, at most {@code max} jobs holding a slot at once (watch jobs, which only poll a
 * remote system, do not count), each on its own virtual thread. A job asked to run again while its worker is still
 * busy is looked at again by that worker before it gives up its slot.
 *
 * <p>A worker that waits instead of working (a retry's backoff, a provider waiting for an operator's resume on its
 * remote system) gives its slot back ({@link #release}) and keeps its thread; before it works again it asks for a
 * slot ({@link #awaitSlot}) and joins the end of the same queue new and resumed jobs wait in, so the queue stays
 * first in, first out and at most {@code max} work at once.
 */
final class Scheduler {
    /** How often a worker waiting for a slot looks whether it should stop waiting (a cancel, a shutdown). */
    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotGiven = lock.newCondition();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final Set<Job> running = new LinkedHashSet<>();
    private final Consumer<Job> body;
    private int max;
    private int limited;
    private boolean closed;

    /**
     * {@code body} runs a job once; it is called again while the job is wanted again. It is made from this
     * scheduler, which the body uses to give a slot back while it waits and to ask for one again.
     */
    Scheduler(int max, java.util.function.Function<Scheduler, Consumer<Job>> body) {
        this.max = max;
        this.body = body.apply(this);
    }

    int max() {
        lock.lock();
        try {
            return max;
        } finally {
            lock.unlock();
        }
    }

    void setMax(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("max concurrent transfers must be at least 1: " + n);
        }
        lock.lock();
        try {
            max = n;
            pump();
        } finally {
            lock.unlock();
        }
    }

    /** Queues the job (watch jobs start at once); a running job is looked at again by its worker. */
    void enqueue(Job job) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (running.contains(job)) {
                job.rerunWanted = true;
            } else if (job.isWatch()) {
                start(job);
            } else if (!queue.contains(job)) {
                queue.addLast(job);
                pump();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Starts the job now, outside the limit (a cancel's cleanup must not wait for a free slot). */
    void startNow(Job job) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (running.contains(job)) {
                job.rerunWanted = true;
            } else {
                queue.remove(job);
                running.add(job);
                launch(job);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * What the history says of a job waiting in the queue behind running ones ("waiting for a free slot (…)"), or
     * null when it is not waiting there.
     */
    String waitingNote(Job job) {
        lock.lock();
        try {
            int ahead = 0;
            for (Job j : queue) {
                if (j == job) {
                    return waitingNote(ahead);
                }
                ahead++;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private String waitingNote(int ahead) {
        return "waiting for a free slot (" + limited + " of " + max + " transferring, " + ahead + " queued before it)";
    }

    /**
     * Takes a job out of the queue; false when it was not waiting there, or when it is a live worker waiting for a
     * slot to continue (that one is stopped through its worker).
     */
    boolean dequeue(Job job) {
        lock.lock();
        try {
            return !job.awaitingSlot && queue.remove(job);
        } finally {
            lock.unlock();
        }
    }

    boolean isRunning(Job job) {
        lock.lock();
        try {
            return running.contains(job);
        } finally {
            lock.unlock();
        }
    }

    boolean isQueued(Job job) {
        lock.lock();
        try {
            return queue.contains(job);
        } finally {
            lock.unlock();
        }
    }

    int runningCount() {
        lock.lock();
        try {
            return limited;
        } finally {
            lock.unlock();
        }
    }

    /** Stops starting jobs; returns the worker threads still running. */
    List<Thread> close() {
        lock.lock();
        try {
            closed = true;
            queue.forEach(j -> j.awaitingSlot = false);
            queue.clear();
            slotGiven.signalAll();
            List<Thread> threads = new ArrayList<>();
            for (Job j : running) {
                if (j.worker != null) {
                    threads.add(j.worker);
                }
            }
            return threads;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The job's worker waits now instead of working: its slot goes to the next job in the queue. It leaves the
     * queue if it was waiting there for a slot. Nothing for a job that holds no slot (a watch job, a cleanup).
     */
    void release(Job job) {
        lock.lock();
        try {
            if (dropSlot(job)) {
                pump();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the job out of the queue if it waited there for a slot, and gives back the slot it held; true when a
     * slot was freed (the caller then pumps). The caller holds the lock.
     */
    private boolean dropSlot(Job job) {
        if (job.awaitingSlot) {
            job.awaitingSlot = false;
            queue.remove(job);
        }
        job.slotWaitNoted = false;
        if (!job.countedInLimit) {
            return false;
        }
        job.countedInLimit = false;
        limited--;
        return true;
    }

    /**
     * The job's worker is about to work: returns true once it holds a slot, at once when it has one (watch jobs
     * always may work). Otherwise it joins the end of the queue, its history says "waiting for a free slot", and it
     * waits until the slot is its (history: "a slot is free: continuing"). Returns false when {@code giveUp} turns
     * true first (the job keeps its place in the queue: call again, or {@link #release} to leave it) or the
     * scheduler closes. Called on the job's worker thread, without the job's lock.
     */
    boolean awaitSlot(Job job, BooleanSupplier giveUp) throws InterruptedException {
        while (true) {
            String note = null;
            boolean got;
            lock.lock();
            try {
                if (job.isWatch()) {
                    return true;
                }
                if (!job.countedInLimit && !closed && !job.awaitingSlot) {
                    job.awaitingSlot = true;
                    queue.addLast(job);
                    pump();
                    if (!job.countedInLimit) {
                        job.slotWaitNoted = true;
                        note = waitingNote(queue.size() - 1);
                    }
                } else if (!job.countedInLimit && !closed) {
                    slotGiven.awaitNanos(LOOK_NANOS);
                }
                got = job.countedInLimit;
                if (got && job.slotWaitNoted) {
                    job.slotWaitNoted = false;
                    note = "a slot is free: continuing";
                }
                if (!got && closed) {
                    return false;
                }
            } finally {
                lock.unlock();
            }
            if (note != null) {
                job.note(note); // outside the scheduler's lock: the job's lock comes first elsewhere
            }
            if (got) {
                return true;
            }
            if (giveUp.getAsBoolean()) {
                return false;
            }
        }
    }

    private void pump() {
        while (!closed && limited < max && !queue.isEmpty()) {
            Job next = queue.pollFirst();
            if (next.awaitingSlot) {
                // a live worker that gave its slot back while it waited: it continues on its own thread
                next.awaitingSlot = false;
                next.countedInLimit = true;
                limited++;
                slotGiven.signalAll();
            } else {
                start(next);
            }
        }
    }

    private void start(Job job) {
        running.add(job);
        if (!job.isWatch()) {
            limited++;
            job.countedInLimit = true;
        }
        launch(job);
    }

    private void launch(Job job) {
        job.rerunWanted = false;
        job.worker = Thread.ofVirtual().name("ferry-transfer-" + job.id()).unstarted(() -> work(job));
        job.worker.start();
    }

    private void work(Job job) {
        do {
            try {
                body.accept(job);
            } catch (Throwable t) {
                LoggerFactory.getLogger(Scheduler.class).error("Worker of transfer {} failed", job.id(), t);
            }
        } while (again(job));
    }

    private boolean again(Job job) {
        lock.lock();
        try {
            if (!closed && job.rerunWanted) {
                job.rerunWanted = false;
                return true;
            }
            running.remove(job);
            dropSlot(job);
            job.worker = null;
            pump();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
