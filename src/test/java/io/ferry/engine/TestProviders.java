package io.ferry.engine;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** Providers defined for the engine's tests. */
final class TestProviders {
    private TestProviders() {}

    static TransferRequest request(String provider, String source, String target) {
        return new TransferRequest(provider, Direction.COPY, null, source, target, Map.of());
    }

    /**
     * Copies a real file in chunks, resuming from {@code ctx.current().bytesDone()}; asks the bandwidth limit
     * before each chunk, reports and checkpoints after it. When {@code permits} is set, each chunk first takes a
     * permit, so a test decides how far the copy gets. Cleanup removes the partial target.
     */
    static final class ChunkCopier implements Provider {
        final int chunk;
        final Semaphore permits;
        final List<Long> startedAt = new CopyOnWriteArrayList<>();
        final AtomicInteger cleanups = new AtomicInteger();

        ChunkCopier(int chunk, Semaphore permits) {
            this.chunk = chunk;
            this.permits = permits;
        }

        @Override
        public String id() {
            return "copier";
        }

        @Override
        public void run(TransferContext ctx) throws TransferException, TransferStopped, InterruptedException {
            Transfer t = ctx.current();
            Path src = Path.of(t.source());
            Path dst = Path.of(t.target());
            long done = t.bytesDone();
            startedAt.add(done);
            try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                long size = in.size();
                out.truncate(done);
                ctx.update(x -> x.withBytes(x.bytesDone(), size));
                ctx.moveTo(TransferPhase.TRANSFERRING, PhaseAction.SYSTEM, "files open");
                ByteBuffer buf = ByteBuffer.allocate(chunk);
                while (done < size) {
                    if (permits != null) {
                        permits.acquire();
                    }
                    ctx.acquireBandwidth(Math.min(chunk, size - done));
                    buf.clear();
                    int n = in.read(buf, done);
                    buf.flip();
                    while (buf.hasRemaining()) {
                        out.write(buf, done + buf.position());
                    }
                    done += n;
                    long d = done;
                    ctx.update(x -> x.withBytes(d, size));
                    ctx.checkpoint();
                }
                out.force(true);
            } catch (IOException e) {
                throw new TransferException(ErrorCode.INTERNAL, src.toString(), e.toString(), e);
            }
            ctx.moveTo(TransferPhase.FINALIZING_SUCCESS, PhaseAction.FINALIZE, "verifying");
            try {
                if (Files.mismatch(src, dst) != -1) {
                    throw new TransferException(ErrorCode.DATA_LOSS, dst.toString(), "target differs from source");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void cleanup(Transfer transfer) {
            cleanups.incrementAndGet();
            try {
                Files.deleteIfExists(Path.of(transfer.target()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A provider that runs a script of outcomes: each run throws the next exception, or succeeds when none is left. */
    static final class Scripted implements Provider {
        private final List<Exception> outcomes;
        final AtomicInteger runs = new AtomicInteger();

        Scripted(List<Exception> outcomes) {
            this.outcomes = List.copyOf(outcomes);
        }

        @Override
        public String id() {
            return "scripted";
        }

        @Override
        public void run(TransferContext ctx) throws TransferException, TransferStopped, InterruptedException {
            int n = runs.getAndIncrement();
            ctx.checkpoint();
            if (n < outcomes.size()) {
                Exception e = outcomes.get(n);
                if (e instanceof TransferException te) {
                    throw te;
                }
                throw (RuntimeException) e;
            }
            ctx.update(t -> t.withBytes(10, 10));
        }
    }

    static TransferException unavailable(String detail) {
        return new TransferException(ErrorCode.UNAVAILABLE, "https://example.test/x", detail);
    }
}
