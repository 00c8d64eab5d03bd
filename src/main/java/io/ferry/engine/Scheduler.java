package io.ferry.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The queue: first in, first out, at most {@code max} jobs running at once (watch jobs, which only poll a remote
 * system, do not count), each on its own virtual thread. A job asked to run again while its worker is still busy
 * is looked at again by that worker before it gives up its slot.
 */
final class Scheduler {
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final Set<Job> running = new LinkedHashSet<>();
    private final Consumer<Job> body;
    private int max;
    private int limited;
    private boolean closed;

    /** {@code body} runs a job once; it is called again while the job is wanted again. */
    Scheduler(int max, Consumer<Job> body) {
        this.max = max;
        this.body = body;
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

    /** Takes a job out of the queue; false when it was not waiting there. */
    boolean dequeue(Job job) {
        lock.lock();
        try {
            return queue.remove(job);
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
            queue.clear();
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

    private void pump() {
        while (!closed && limited < max && !queue.isEmpty()) {
            start(queue.pollFirst());
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
            if (job.countedInLimit) {
                job.countedInLimit = false;
                limited--;
            }
            job.worker = null;
            pump();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
