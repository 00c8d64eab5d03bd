package io.ferry.cli.ovirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.CliContext;
import io.ferry.cli.CliFactory;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.TestImages;
import io.ferry.provider.ovirt.server.ImageioServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands built by the root CLI's factory, as {@code ferry ovirt …} / {@code ferry imageio …} will be. */
class OvirtCommandsMountOnTheRootTest {
    @TempDir
    Path dir;

    @Test
    void theRootFactoryBuildsEverySubcommand() throws Exception {
        CliFactory factory = new CliFactory(new CliContext(d -> null, false));
        CommandLine ovirt = new CommandLine(factory.create(OvirtCommand.class), factory);
        CommandLine imageio = new CommandLine(factory.create(ImageioCommand.class), factory);
        assertThat(ovirt.getSubcommands()).containsKeys("upload", "download", "check", "ca");
        assertThat(imageio.getSubcommands()).containsKeys("upload", "download");
    }

    @Test
    void aRunnerRegisteredWithTheFactoryRunsTheTransfer() throws Exception {
        CliFactory factory = new CliFactory(new CliContext(d -> null, false))
                .register(TransferRunner.class, new LocalRunner(new OvirtProvider()));
        try (ImageioServer s = ImageioServer.http()) {
            Path src = TestImages.dense(dir, "r.raw", 3 << 20, 61);
            String url = s.addTicket(UUID.randomUUID().toString(), Files.createTempFile(dir, "t", ".img"), Files.size(src),
                    Set.of("read", "write"), Duration.ofMinutes(5));
            CommandLine cl = new CommandLine(factory.create(ImageioCommand.class), factory);
            StringWriter out = new StringWriter();
            cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(new StringWriter(), true));
            assertThat(cl.execute("upload", src.toString(), url)).isZero();
            assertThat(out.toString()).contains("upload finished_success");
            assertThat(s.puts.get()).isPositive();
        }
    }
}
