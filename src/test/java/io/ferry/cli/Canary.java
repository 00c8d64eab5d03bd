package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * What the issue 7 §4 canary tests share: the shipped logback.xml logging at DEBUG into the data directory, and a
 * scan of every file there (database, WAL, secrets file, logs) for a secret as UTF-8, UTF-16, Base64 or hex.
 */
public final class Canary {
    private Canary() {}

    /** The shipped logging configuration at DEBUG, writing {@code dataDir/logs/ferry.log}. */
    public static void logShippedConfigurationAtDebug(Path dataDir) throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        ctx.putProperty("ferry.logDir", dataDir.resolve("logs").toString());
        ctx.putProperty("FERRY_LOG_LEVEL", "DEBUG");
        configure(ctx, "/logback.xml");
    }

    /** Flushes and closes the log file. */
    public static void stopLogging() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    public static void restoreTestLogging() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        configure(ctx, "/logback-test.xml");
    }

    private static void configure(LoggerContext ctx, String resource) throws Exception {
        JoranConfigurator jc = new JoranConfigurator();
        jc.setContext(ctx);
        try (InputStream in = Canary.class.getResourceAsStream(resource)) {
            jc.doConfigure(in);
        }
    }

    /** The forms a secret could take in a file: UTF-8, UTF-16 (both orders), the start of its Base64, hex. */
    public static List<byte[]> forms(String secret) {
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString(utf8);
        return List.of(utf8, secret.getBytes(StandardCharsets.UTF_16LE), secret.getBytes(StandardCharsets.UTF_16BE),
                b64.substring(0, Math.min(24, b64.length() - b64.length() % 4)).getBytes(StandardCharsets.US_ASCII),
                HexFormat.of().formatHex(utf8).getBytes(StandardCharsets.US_ASCII));
    }

    /** Every regular file under {@code dir}. */
    public static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** Asserts that no file under {@code dir} holds any of the secrets in any of their {@link #forms}. */
    public static void assertNowhereIn(Path dir, String when, Collection<String> secrets) throws IOException {
        assertThat(secrets).as("secrets to look for").isNotEmpty();
        for (Path f : files(dir)) {
            byte[] content = Files.readAllBytes(f);
            for (String secret : secrets) {
                for (byte[] needle : forms(secret)) {
                    assertThat(indexOf(content, needle)).as(when + ": " + f + " holds a secret (" + needle.length
                            + " bytes of one form of " + secret.length() + " characters)").isEqualTo(-1);
                }
            }
        }
    }

    /** Where {@code needle} first occurs in {@code hay}, or -1. */
    public static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
