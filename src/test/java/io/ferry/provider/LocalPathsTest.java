package io.ferry.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server-supplied names written as real files in a real temp folder: nothing lands outside it. */
class LocalPathsTest {
    @TempDir
    Path dir;

    static final List<String> HOSTILE = List.of("../../etc/passwd", "/etc/passwd", "..", ".", "", "   ",
            "a/../../b", "..\\..\\windows\\system32\\x", "C:\\Windows\\evil.dll", "a\u0000b", "line\nbreak\r",
            "CON", "nul.txt", "Com1", "lpt9.log", "AUX ", "trailing dot.", "x".repeat(1000),
            "日本語のディスク".repeat(60), "what?*<>|\":", "\u007fdel");

    private List<Path> everythingUnder(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            return s.toList();
        }
    }

    @Test
    void everyHostileNameBecomesOneFileDirectlyInTheFolder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("downloads"));
        List<Path> outsideBefore = everythingUnder(dir).stream().filter(p -> !p.startsWith(folder)).toList();

        for (String name : HOSTILE) {
            Path p = LocalPaths.fileIn(folder, name, ".raw");
            assertThat(p.getParent()).as(name).isEqualTo(folder);
            String file = p.getFileName().toString();
            assertThat(file).as(name).endsWith(".raw").doesNotContain("/", "\\", "\u0000", ":", "\n", "?", "*");
            assertThat(file.getBytes(StandardCharsets.UTF_8).length).as(name).isLessThanOrEqualTo(LocalPaths.MAX_NAME_BYTES);
            assertThat(file.split("\\.")[0].toUpperCase()).as(name).isNotIn("CON", "NUL", "COM1", "LPT9", "AUX");
            Files.writeString(p, name, StandardCharsets.UTF_8); // a real file can be created under that name
        }

        assertThat(everythingUnder(dir).stream().filter(p -> !p.startsWith(folder)).toList()).isEqualTo(outsideBefore);
        try (Stream<Path> s = Files.list(folder)) {
            assertThat(s.count()).as("each name got its own file or an identical safe twin").isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void safeNamesAreKeptAsTheyAre() {
        assertThat(LocalPaths.safeName("vm-disk_01 (copy).qcow2")).isEqualTo("vm-disk_01 (copy).qcow2");
        assertThat(LocalPaths.safeName("Überweisung 2024")).isEqualTo("Überweisung 2024");
        assertThat(LocalPaths.safeName("console")).isEqualTo("console");
    }

    @Test
    void aSuffixTheNameAlreadyHasIsNotDoubled() throws Exception {
        assertThat(LocalPaths.fileIn(dir, "disk.raw", ".raw").getFileName().toString()).isEqualTo("disk.raw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../escape.txt", "/abs/olute.txt", "a/./b/../../../c.txt", "..\\..\\w.txt", "//x//y"})
    void objectNamesWithFoldersStayBelowTheFolder(String objectName) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("bucket"));
        Path p = LocalPaths.inside(folder, objectName);

        assertThat(p.normalize()).startsWithRaw(folder);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
        assertThat(p.toRealPath()).startsWithRaw(folder.toRealPath());
    }

    @Test
    void aSymbolicLinkInTheFolderPointingOutsideIsRefused() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("in"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.createSymbolicLink(folder.resolve("sub"), outside);
        Files.createSymbolicLink(folder.resolve("evil.raw"), outside.resolve("evil.raw")); // dangling

        assertThatThrownBy(() -> LocalPaths.inside(folder, "sub/file.txt"))
                .isInstanceOf(IOException.class).hasMessageContaining("outside " + folder);
        assertThatThrownBy(() -> LocalPaths.fileIn(folder, "evil", ".raw"))
                .isInstanceOf(IOException.class).hasMessageContaining("outside");
        assertThat(outside.resolve("evil.raw")).doesNotExist();
    }
}
