package io.ferry.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.provider.io.Writeback;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifying copy's writer thread, on real files: blocks land in place, and a failed write reaches the caller. */
class BlockPipelineTest {
    @TempDir
    Path dir;

    @Test
    void blocksHandedOverAreAllWrittenInPlaceWhenFinished() throws Exception {
        Path src = Files2.random(dir.resolve("src"), 12L * BlockIo.BLOCK + 100, 31);
        Path dst = dir.resolve("dst");
        long size = Files.size(src);
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                Writeback wb = Writeback.of(dst, 4L * BlockIo.BLOCK, 0);
                BlockPipeline pipe = new BlockPipeline(BlockPipeline.buffers(3), out, wb)) {
            for (long pos = 0; pos < size; pos += BlockIo.BLOCK) {
                BlockPipeline.Slot s = pipe.take();
                s.pos = pos;
                s.len = (int) Math.min(BlockIo.BLOCK, size - pos);
                s.io.read(in, pos, s.len);
                s.data = true;
                pipe.submit(s);
            }
            pipe.finish();
        }
        assertThat(Files.mismatch(src, dst)).isEqualTo(-1L);
    }

    @Test
    void aWriteThatFailsOnTheWriterThreadIsThrownToTheCopy() throws Exception {
        Path src = Files2.random(dir.resolve("src"), 4L * BlockIo.BLOCK, 32);
        Path dst = Files.createFile(dir.resolve("dst"));
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel readOnly = FileChannel.open(dst, StandardOpenOption.READ);
                Writeback wb = Writeback.of(dst, 4L * BlockIo.BLOCK, 0)) {
            BlockPipeline pipe = new BlockPipeline(BlockPipeline.buffers(2), readOnly, wb);
            BlockPipeline.Slot s = pipe.take();
            s.pos = 0;
            s.len = BlockIo.BLOCK;
            s.io.read(in, 0, s.len);
            s.data = true;
            pipe.submit(s);

            assertThatThrownBy(pipe::finish).isInstanceOf(NonWritableChannelException.class);
        }
        assertThat(Files.size(dst)).isZero();
    }
}
