package io.ferry.cli;

import io.ferry.app.AppCliBackend;
import io.ferry.app.EngineFactory;
import io.ferry.app.Services;
import io.ferry.provider.Provider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code ferry …} in-process through picocli with captured stdout/stderr, on a real data directory. */
final class CliHarness {
    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private final Path dataDir;
    private final List<Provider> providers;
    private final EngineFactory engines;
    private final Map<String, String> env;

    CliHarness(Path dataDir, List<Provider> providers, EngineFactory engines) {
        this(dataDir, providers, engines, Map.of());
    }

    /** @param env the environment Ferry sees (FERRY_PASSPHRASE opens the encrypted secrets file) */
    CliHarness(Path dataDir, List<Provider> providers, EngineFactory engines, Map<String, String> env) {
        this.dataDir = dataDir;
        this.providers = providers;
        this.engines = engines;
        this.env = Map.copyOf(env);
    }

    /** No engine: for commands that must not need one. */
    static CliHarness withoutEngine(Path dataDir, Provider... providers) {
        return new CliHarness(dataDir, List.of(providers), (j, k, p, s) -> {
            throw new AssertionError("this test expects no engine to be started");
        });
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (CliContext ctx = new CliContext(
                dir -> new AppCliBackend(Services.open(dir == null ? dataDir : dir, providers, engines, env), Clock.systemUTC()),
                false)) {
            CommandLine cl = Cli.create(ctx);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Result(exit, out.toString(), err.toString());
        }
    }
}
