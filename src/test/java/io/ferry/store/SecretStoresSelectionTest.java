package io.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.store.SecretStores.OsProbe;
import io.ferry.store.SecretStores.OsStore;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which secret store {@link SecretStores} picks for each {@code os.name} (injected). This machine is Linux: on the
 * macOS and Windows names the real java-keyring is asked and refuses (its backends check the platform / cannot
 * load the Windows DLLs), so these tests see the choice and the fallback, not the Keychain or the Credential
 * Manager themselves.
 */
class SecretStoresSelectionTest {
    @TempDir
    Path tmp;

    /** A secret-tool stand-in that answers like a running Secret Service and records that it was called. */
    private Path answeringSecretTool() throws Exception {
        Path tool = tmp.resolve("secret-tool");
        Files.writeString(tool, "#!/bin/sh\necho called >> \"" + tmp.resolve("called") + "\"\nexit 1\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        return tool;
    }

    @Test
    void linuxUsesTheSecretServiceThroughSecretTool() throws Exception {
        OsProbe probe = SecretStores.probeOs(tmp.resolve("data"), "Linux", answeringSecretTool().toString());

        assertThat(probe.kind()).isEqualTo(OsStore.SECRET_SERVICE);
        assertThat(probe.store()).get().isInstanceOf(SecretToolSecretStore.class);
        assertThat(probe.unavailable()).isEmpty();
    }

    @Test
    void macOsAndWindowsAskJavaKeyringNotSecretToolAndFallBackWithTheReason() throws Exception {
        String tool = answeringSecretTool().toString();
        for (String os : new String[] {"Mac OS X", "Windows 11"}) {
            OsProbe probe = SecretStores.probeOs(tmp.resolve("data"), os, tool);

            OsStore expected = os.startsWith("Mac") ? OsStore.MAC_KEYCHAIN : OsStore.WINDOWS_CREDENTIAL_MANAGER;
            assertThat(probe.kind()).as(os).isEqualTo(expected);
            assertThat(probe.store()).as(os + " on this Linux machine").isEmpty();
            assertThat(probe.unavailable()).as(os).startsWith("The " + expected.label() + " cannot be used:");
        }
        assertThat(tmp.resolve("called")).as("secret-tool is Linux's only").doesNotExist();

        Optional<SecretStore> chosen = SecretStores.open(tmp.resolve("data"),
                Map.of(SecretStores.PASSPHRASE_ENV, "session pass"), "Windows 11", null);
        assertThat(chosen).get().isInstanceOf(EncryptedFileSecretStore.class);
        assertThat(SecretStores.open(tmp.resolve("data"), Map.of(), "Mac OS X", null))
                .as("no OS store and no passphrase: the caller must ask").isEmpty();
    }

    @Test
    void anUnknownSystemHasNoOsStore() {
        OsProbe probe = SecretStores.probeOs(tmp.resolve("data"), "FreeBSD", "secret-tool");

        assertThat(probe.kind()).isEqualTo(OsStore.NONE);
        assertThat(probe.store()).isEmpty();
        assertThat(probe.unavailable()).contains("FreeBSD");
    }

    /**
     * The Linux package ships without java-keyring, JNA and jkeychain. Loaded from a class path without them (as in
     * that package), asking for the Windows store must not throw NoClassDefFoundError but say why and fall back.
     */
    @Test
    void withoutJavaKeyringOnTheClassPathTheChoiceDegradesToAReason() throws Exception {
        URL[] withoutKeyring = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.matches(".*(java-keyring|jna|jkeychain)[^" + File.separator + "]*\\.jar"))
                .map(e -> {
                    try {
                        return Path.of(e).toUri().toURL();
                    } catch (java.net.MalformedURLException x) {
                        throw new IllegalStateException(x);
                    }
                }).toArray(URL[]::new);
        assertThat(withoutKeyring).hasSizeLessThan(System.getProperty("java.class.path").split(File.pathSeparator).length);
        try (URLClassLoader linuxPackage = new URLClassLoader(withoutKeyring, ClassLoader.getPlatformClassLoader())) {
            Class<?> stores = linuxPackage.loadClass(SecretStores.class.getName());
            Method probeOs = stores.getMethod("probeOs", Path.class, String.class, String.class);
            Object probe = probeOs.invoke(null, tmp.resolve("data"), "Windows 11", "secret-tool");
            Object store = probe.getClass().getMethod("store").invoke(probe);
            String reason = (String) probe.getClass().getMethod("unavailable").invoke(probe);

            assertThat(store).isEqualTo(Optional.empty());
            assertThat(reason).isEqualTo("java-keyring is not in this installation, so the Windows Credential Manager cannot be used");
            // and the same loader does find the class where it is shipped: the check is not vacuous
            assertThat(SecretStores.keyringLibraryPresent()).isTrue();
        }
    }
}
