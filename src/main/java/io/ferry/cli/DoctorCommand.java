package io.ferry.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ferry doctor}: a self-check an operator (or an installer test) can run without a display. Prints one
 * line per check, {@code OK} or {@code FAIL} with what to do, and exits 0 when every check passed, 1 otherwise.
 * Java and JavaFX are checked here; the data directory, store and secret store come from {@link HealthChecks}.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Checks this installation: Java and JavaFX versions, the data directory, whether the store opens,"
                + " and which secret store is available. Exit 0 when all is well, 1 otherwise.")
public final class DoctorCommand implements Callable<Integer> {
    /** The oldest Java feature release Ferry runs on. */
    static final int MIN_JAVA = 25;

    private final CliContext context;
    private final HealthChecks checks;

    @Spec
    CommandSpec spec;

    public DoctorCommand(CliContext context, HealthChecks checks) {
        this.context = context;
        this.checks = checks;
    }

    /**
     * For a command line built without the app's wiring (e.g. {@code Cli.create(context)} in tests): Java and
     * JavaFX are still checked, and the missing store checks are reported as a failure rather than skipped.
     */
    public DoctorCommand() {
        this(null, dataDir -> List.of(CheckResult.fail("Store", "store checks are not wired into this command line",
                "run the ferry launcher (io.ferry.app.Launcher), which registers them")));
    }

    @Override
    public Integer call() {
        List<CheckResult> results = new ArrayList<>();
        results.add(javaCheck(Runtime.version(), System.getProperty("java.vendor", "unknown vendor"),
                System.getProperty("java.home", "?")));
        results.add(javaFxCheck(VersionInfo.javaFxVersion()));
        results.addAll(checks.run(context == null ? null : context.dataDirOption()));
        PrintWriter out = spec.commandLine().getOut();
        results.forEach(r -> out.println(r.line()));
        boolean allOk = results.stream().allMatch(CheckResult::ok);
        long failed = results.stream().filter(r -> !r.ok()).count();
        out.println(allOk ? "All " + results.size() + " checks passed." : failed + " of " + results.size() + " checks failed.");
        out.flush();
        return allOk ? 0 : 1;
    }

    static CheckResult javaCheck(Runtime.Version version, String vendor, String javaHome) {
        String detail = version + " (" + vendor + ") at " + javaHome;
        return version.feature() >= MIN_JAVA
                ? CheckResult.ok("Java", detail)
                : CheckResult.fail("Java", detail, "Ferry needs Java " + MIN_JAVA + " or later: reinstall Ferry's package,"
                        + " or run the jar with a JDK " + MIN_JAVA + " (set JAVA_HOME)");
    }

    static CheckResult javaFxCheck(String version) {
        return "not found".equals(version)
                ? CheckResult.fail("JavaFX", "not found on the class path",
                        "reinstall Ferry's package; when running the jar, keep lib/ (the JavaFX jars) beside ferry.jar")
                : CheckResult.ok("JavaFX", version);
    }
}
