package io.ferry.provider.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * A self-signed server certificate made at test time with the JDK's own keytool (no test dependency needed),
 * like the one an Element cluster presents: CN an IP address, no CA.
 */
public final class TestCertificates {
    public final X509Certificate certificate;
    public final SSLSocketFactory serverSocketFactory;

    private TestCertificates(X509Certificate certificate, SSLSocketFactory f) {
        this.certificate = certificate;
        this.serverSocketFactory = f;
    }

    private static TestCertificates shared;

    /** One certificate (CN 10.10.23.47) for the whole test JVM: keytool is slow on a busy machine. */
    public static synchronized TestCertificates shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("ferry-test-cert");
            shared = generate(dir, "10.10.23.47");
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return shared;
    }

    public static TestCertificates generate(Path dir, String cn) throws Exception {
        Path ks = dir.resolve(cn.replaceAll("[^A-Za-z0-9]", "_") + "-" + System.nanoTime() + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
                        "-groupname", "secp256r1", "-dname", "CN=" + cn, "-ext", "SAN=ip:127.0.0.1", "-validity", "30",
                        "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit", "-keypass",
                        "changeit"))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return new TestCertificates((X509Certificate) store.getCertificate("server"), ctx.getSocketFactory());
    }
}
