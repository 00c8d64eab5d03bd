package io.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SecretToolSecretStore} against an in-repo stand-in for libsecret's {@code secret-tool} (no Secret
 * Service runs here): a shell script that keeps the tool's documented interface — {@code store --label=L attr
 * value…} reading the secret from stdin, {@code lookup attr value…} printing it (exit 1, silent, when absent),
 * {@code clear attr value…} — and logs every command line it gets.
 */
class SecretToolSecretStoreAgainstInRepoFakeToolTest {
    @TempDir
    Path tmp;

    private Path fakeTool(boolean serviceAnswers) throws Exception {
        Path vault = Files.createDirectories(tmp.resolve("vault"));
        String script = """
                #!/bin/sh
                echo "$@" >> "%1$s/argv.log"
                if [ "%2$s" != "yes" ]; then echo "Cannot autolaunch D-Bus without X11 \\$DISPLAY" >&2; exit 1; fi
                cmd="$1"; shift
                [ "$cmd" = store ] && shift
                key=$(printf '%%s|' "$@" | sha256sum | cut -c1-32)
                case "$cmd" in
                  store) cat > "%1$s/$key" ;;
                  lookup) [ -f "%1$s/$key" ] || exit 1; cat "%1$s/$key" ;;
                  clear) rm -f "%1$s/$key" ;;
                esac
                """.formatted(vault, serviceAnswers ? "yes" : "no");
        Path tool = tmp.resolve(serviceAnswers ? "secret-tool" : "secret-tool-nobus");
        Files.writeString(tool, script);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        return tool;
    }

    @Test
    void storesLooksUpAndClearsWithTheSecretOnlyOnStdin() throws Exception {
        Path tool = fakeTool(true);
        SecretToolSecretStore store = new SecretToolSecretStore(tool.toString(), tmp.resolve("data"));
        assertThat(store.isAvailable()).isTrue();
        assertThat(store.get("profile/a")).isEmpty();
        store.put("profile/a", "s3cret with spaces\nand a newline");
        assertThat(store.get("profile/a")).contains("s3cret with spaces\nand a newline");
        SecretToolSecretStore otherDataDir = new SecretToolSecretStore(tool.toString(), tmp.resolve("other"));
        assertThat(otherDataDir.get("profile/a")).as("another data directory does not see it").isEmpty();
        store.delete("profile/a");
        assertThat(store.get("profile/a")).isEmpty();

        String argv = Files.readString(tmp.resolve("vault/argv.log"));
        assertThat(argv).contains("store --label=Ferry: profile/a application ferry store " + tmp.resolve("data") + " ref profile/a");
        assertThat(argv).doesNotContain("s3cret");
    }

    @Test
    void withoutASecretServiceItIsUnavailableAndSaysWhy() throws Exception {
        Path tool = fakeTool(false);
        SecretToolSecretStore store = new SecretToolSecretStore(tool.toString(), tmp.resolve("data"));
        assertThat(store.isAvailable()).isFalse();
        assertThatThrownBy(() -> store.get("profile/a")).isInstanceOf(SecretStoreException.class).hasMessageContaining("D-Bus");
        assertThat(new SecretToolSecretStore(tmp.resolve("no-such-tool").toString(), tmp).isAvailable()).isFalse();
    }
}
