package io.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What "Open with Ferry" and file associations hand to the launcher: the window with the files, never a CLI error. */
class WindowArgumentsTest {
    @TempDir
    Path tmp;

    @Test
    void noArgumentsOpenAnEmptyWindow() {
        assertThat(WindowArguments.files(new String[0])).contains(List.of());
    }

    @Test
    void aDataDirectoryAloneOrInFrontOfOpenStillOpensTheWindow() {
        assertThat(WindowArguments.files(new String[] {"--data-dir", "/srv/ferry"})).contains(List.of());
        assertThat(WindowArguments.files(new String[] {"--data-dir=/srv/ferry", "open", "/srv/a.qcow2"}))
                .contains(List.of("/srv/a.qcow2"));
        assertThat(WindowArguments.files(new String[] {"--data-dir", "/srv/ferry", "list"})).isEmpty();
    }

    @Test
    void desktopEntryOpenPassesTheFilesToTheWindow() {
        assertThat(WindowArguments.files(new String[] {"open", "/srv/images/disk one.qcow2", "/srv/b.iso"}))
                .contains(List.of("/srv/images/disk one.qcow2", "/srv/b.iso"));
    }

    @Test
    void bareExistingFilesFromAFileAssociationOpenTheWindow() throws IOException {
        Path disk = Files.write(tmp.resolve("disk.raw"), new byte[512]);

        assertThat(WindowArguments.files(new String[] {disk.toString()})).contains(List.of(disk.toString()));
    }

    @Test
    void commandsStayOnTheCommandLine() throws IOException {
        Path disk = Files.write(tmp.resolve("disk.img"), new byte[512]);

        assertThat(WindowArguments.files(new String[] {"doctor"})).isEmpty();
        assertThat(WindowArguments.files(new String[] {"--version"})).isEmpty();
        assertThat(WindowArguments.files(new String[] {"copy", disk.toString(), tmp.resolve("out.img").toString()})).isEmpty();
        assertThat(WindowArguments.files(new String[] {tmp.resolve("missing.qcow2").toString()})).isEmpty();
    }
}
