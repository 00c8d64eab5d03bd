package io.ferry.provider.ovirt.server;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The checked-in test CA and server certificate (src/test/resources/ovirt-tls/README.md says how they were made). */
public final class TestTls {
    private TestTls() {}

    public static SSLContext serverContext() {
        try (InputStream in = TestTls.class.getResourceAsStream("/ovirt-tls/server.p12")) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, "changeit".toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "changeit".toCharArray());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), null, null);
            return ssl;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a PEM fixture (ca.pem, other-ca.pem) into {@code dir} and returns its path. */
    public static Path pem(Path dir, String name) {
        try (InputStream in = TestTls.class.getResourceAsStream("/ovirt-tls/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return p;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
