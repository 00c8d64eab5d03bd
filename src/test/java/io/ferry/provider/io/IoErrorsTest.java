package io.ferry.provider.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ferry.domain.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

/** How local I/O failures are coded for the breakdown, including a real ENOSPC from the kernel. */
class IoErrorsTest {

    @Test
    void aRealNoSpaceErrorIsResourceExhausted() {
        Path full = Path.of("/dev/full"); // every write fails with ENOSPC, exactly as on a full disk
        assumeThat(Files.isWritable(full)).as("/dev/full exists here").isTrue();
        IOException enospc = null;
        try (FileChannel ch = FileChannel.open(full, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4096));
            ch.force(true);
        } catch (IOException e) {
            enospc = e;
        }
        assertThat(enospc).as("writing to /dev/full fails").isNotNull();
        assertThat(IoErrors.codeOf(enospc)).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
        assertThat(IoErrors.advice(ErrorCode.RESOURCE_EXHAUSTED)).contains("free space");
    }

    @Test
    void fileSystemExceptionsMapToTheirCodes() {
        assertThat(IoErrors.codeOf(new AccessDeniedException("/x"))).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(IoErrors.codeOf(new NoSuchFileException("/x"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(IoErrors.codeOf(new FileSystemLoopException("/x"))).isEqualTo(ErrorCode.FAILED_PRECONDITION);
        assertThat(IoErrors.codeOf(new IOException("Input/output error"))).isEqualTo(ErrorCode.UNKNOWN);
        // what RandomAccessFile throws when the target directory is gone or not writable
        assertThat(IoErrors.codeOf(new java.io.FileNotFoundException("/t/.x.ferry-part (No such file or directory)")))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(IoErrors.codeOf(new java.io.FileNotFoundException("/t/.x.ferry-part (Permission denied)")))
                .isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(IoErrors.describe(new NoSuchFileException("/x"))).contains("vanished");
    }
}
