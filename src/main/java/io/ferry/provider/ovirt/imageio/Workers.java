package io.ferry.provider.ovirt.imageio;

import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs N copies of a worker loop; the first failure stops the others and is rethrown as it was. */
final class Workers {
    interface Loop {
        void run(AtomicBoolean stop) throws TransferException, TransferStopped, InterruptedException, IOException;
    }

    private Workers() {}

    static void run(int n, String name, Loop loop)
            throws TransferException, TransferStopped, InterruptedException, IOException {
        AtomicBoolean stop = new AtomicBoolean();
        // platform threads: the workers do blocking file I/O, and each keeps its own direct buffer
        ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name(name + "-", 0).factory());
        List<Future<Void>> fs = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                fs.add(pool.submit(() -> {
                    try {
                        loop.run(stop);
                    } catch (Throwable t) {
                        stop.set(true);
                        throw t;
                    }
                    return null;
                }));
            }
            Throwable first = null;
            for (Future<Void> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    }
                }
            }
            if (first != null) {
                switch (first) {
                    case TransferException te -> throw te;
                    case TransferStopped ts -> throw ts;
                    case InterruptedException ie -> throw ie;
                    case IOException io -> throw io;
                    case RuntimeException re -> throw re;
                    case Error er -> throw er;
                    default -> throw new IllegalStateException(first);
                }
            }
        } catch (InterruptedException e) {
            stop.set(true);
            pool.shutdownNow();
            throw e;
        } finally {
            pool.shutdown();
        }
    }
}
