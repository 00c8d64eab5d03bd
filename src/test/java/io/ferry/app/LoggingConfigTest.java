package io.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped logback.xml writes logs/ferry.log under the data directory, with secrets and tickets masked. */
class LoggingConfigTest {
    @Test
    void theShippedConfigurationLogsToTheDataDirectoryRedacted(@TempDir Path dataDir) throws Exception {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ctx.putProperty(Logging.LOG_DIR_PROPERTY, dataDir.resolve("logs").toString());
        JoranConfigurator jc = new JoranConfigurator();
        jc.setContext(ctx);
        try (var in = getClass().getResourceAsStream("/logback.xml")) {
            assertThat(in).isNotNull();
            jc.doConfigure(in);
        }
        var log = ctx.getLogger("io.ferry.provider.ovirt.Imageio");
        log.info("upload to https://h:54322/images/9f3e2b1c-secret-ticket with password=canary-pw");
        log.warn("failed", new IllegalStateException("GET https://h:54322/images/9f3e2b1c-secret-ticket: 403"));
        ctx.stop();
        String text = Files.readString(dataDir.resolve("logs/ferry.log"));
        assertThat(text).contains("upload to https://h:54322/images/***", "password=***", "IllegalStateException");
        assertThat(text).doesNotContain("9f3e2b1c-secret-ticket", "canary-pw");
    }
}
