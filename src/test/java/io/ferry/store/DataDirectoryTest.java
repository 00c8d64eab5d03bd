package io.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @Test
    void theFlagWinsOverTheEnvironmentWhichWinsOverThePlatformDefault() {
        Map<String, String> env = Map.of("FERRY_DATA_DIR", "/env/ferry", "XDG_DATA_HOME", "/xdg");
        assertThat(DataDirectory.resolve("/flag/dir", env, "Linux", "/home/op")).isEqualTo(Path.of("/flag/dir"));
        assertThat(DataDirectory.resolve(null, env, "Linux", "/home/op")).isEqualTo(Path.of("/env/ferry"));
    }

    @Test
    void platformDefaults() {
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "/xdg"), "Linux", "/home/op"))
                .isEqualTo(Path.of("/xdg/ferry"));
        assertThat(DataDirectory.resolve(null, Map.of(), "Linux", "/home/op"))
                .isEqualTo(Path.of("/home/op/.local/share/ferry"));
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "relative/x"), "Linux", "/home/op"))
                .as("a relative XDG_DATA_HOME is ignored, as the spec says")
                .isEqualTo(Path.of("/home/op/.local/share/ferry"));
        assertThat(DataDirectory.resolve(null, Map.of(), "Mac OS X", "/Users/op"))
                .isEqualTo(Path.of("/Users/op/Library/Application Support/Ferry"));
        assertThat(DataDirectory.resolve(null, Map.of("APPDATA", "/appdata"), "Windows 11", "/home/op"))
                .isEqualTo(Path.of("/appdata/Ferry"));
    }

    @Test
    void ensureCreatesOwnerOnlyAndRefusesAFile(@TempDir Path tmp) throws Exception {
        Path d = DataDirectory.ensure(tmp.resolve("a/b"));
        assertThat(d).isDirectory();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).isEqualTo("rwx------");
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> DataDirectory.ensure(file)).isInstanceOf(StoreException.class).hasMessageContaining("not a directory");
    }
}
