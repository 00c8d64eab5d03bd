package io.ferry.provider.ovirt.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.provider.ovirt.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskImageProbeTest {
    @TempDir
    Path dir;

    @Test
    void rawImageIsSentAtItsFileSize() throws Exception {
        Path p = TestImages.dense(dir, "disk.img", 3 * 1024 * 1024 + 17, 1);
        DiskImage img = DiskImageProbe.probe(p);
        assertThat(img.format()).isEqualTo(DiskImage.Format.RAW);
        assertThat(img.format().ovirtName()).isEqualTo("raw");
        assertThat(img.virtualSize()).isEqualTo(3 * 1024 * 1024 + 17);
    }

    @Test
    void qcow2HeaderGivesVersionAndVirtualSize() throws Exception {
        Path p = TestImages.qcow2(dir, "disk.qcow2", 1L << 30, 0, 2);
        DiskImage img = DiskImageProbe.probe(p);
        assertThat(img.format()).isEqualTo(DiskImage.Format.QCOW2);
        assertThat(img.format().ovirtName()).isEqualTo("cow");
        assertThat(img.qcowVersion()).isEqualTo(3);
        assertThat(img.virtualSize()).isEqualTo(1L << 30);
        assertThat(img.fileSize()).isEqualTo(Files.size(p));
    }

    @Test
    void qcow2WithBackingFileIsRefusedUpFrontWithWhatToDo() throws Exception {
        Path p = TestImages.qcow2(dir, "overlay.qcow2", 1L << 30, 512, 3);
        assertThatThrownBy(() -> DiskImageProbe.probe(p))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("backing file")
                .hasMessageContaining("qemu-img convert");
    }

    @Test
    void truncatedQcow2HeaderIsReportedAsDamaged() throws Exception {
        Path p = dir.resolve("bad.qcow2");
        Files.write(p, new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});
        assertThatThrownBy(() -> DiskImageProbe.probe(p)).hasMessageContaining("truncated");
    }

    @Test
    void aDirectoryIsNotAnImage() {
        assertThatThrownBy(() -> DiskImageProbe.probe(dir)).hasMessageContaining("not a regular file");
    }
}
