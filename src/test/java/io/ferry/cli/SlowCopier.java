package io.ferry.cli;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only data mover that really copies a file in 64 KiB chunks with a short pause between them (through the
 * context, so a pause or cancel wakes it), resuming at the transfer's durable byte count. Records where each run
 * started.
 */
final class SlowCopier implements Provider {
    static final int CHUNK = 64 << 10;
    final List<Long> startedAt = new CopyOnWriteArrayList<>();
    private final Duration perChunk;

    SlowCopier(Duration perChunk) {
        this.perChunk = perChunk;
    }

    @Override
    public String id() {
        return "slow";
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
            if (ctx.current().phase() != TransferPhase.TRANSFERRING) {
                ctx.moveTo(TransferPhase.TRANSFERRING, PhaseAction.SYSTEM, "files open");
            }
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            while (done < size) {
                buf.clear();
                int n = in.read(buf, done);
                buf.flip();
                while (buf.hasRemaining()) {
                    out.write(buf, done + buf.position());
                }
                out.force(false); // the bytes a checkpoint reports are on disk
                done += n;
                long d = done;
                ctx.update(x -> x.withBytes(d, size));
                ctx.checkpoint();
                ctx.sleep(perChunk);
            }
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
        try {
            Files.deleteIfExists(Path.of(transfer.target()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
