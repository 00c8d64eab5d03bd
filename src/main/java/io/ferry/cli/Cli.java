package io.ferry.cli;

import io.ferry.domain.IllegalTransitionException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Builds the {@code ferry} command line: the root, every subcommand in {@link Subcommands}, and the error policy. */
public final class Cli {
    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private Cli() {}

    public static CommandLine create(CliContext context) {
        return create(new CliFactory(context), context);
    }

    public static CommandLine create(CliFactory factory, CliContext context) {
        try {
            CommandLine root = new CommandLine(new FerryCommand(context), factory);
            for (Class<?> c : Subcommands.ROOT) {
                CommandLine sub = new CommandLine(factory.create(c), factory);
                if (c == BenchCommand.class) {
                    for (Class<?> b : Subcommands.BENCH) {
                        sub.addSubcommand(new CommandLine(factory.create(b), factory));
                    }
                }
                root.addSubcommand(sub);
            }
            for (CommandLine sub : root.getSubcommands().values()) {
                sub.getCommandSpec().versionProvider(new VersionInfo()); // -V on a subcommand prints the versions too
            }
            root.setExecutionExceptionHandler(Cli::onException);
            root.setParameterExceptionHandler(Cli::onBadUsage);
            return root;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the ferry command line: " + e.getMessage(), e);
        }
    }

    /** Bad usage: the problem and where help is, two lines, exit 2. */
    private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println(e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return CliException.BAD_INPUT;
    }

    /** A command failed: one line naming the problem; the stack trace goes to the log only. */
    private static int onException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        int code;
        if (e instanceof CliException ce) {
            err.println(ce.getMessage());
            code = ce.exitCode();
        } else if (e instanceof IllegalTransitionException ite) {
            err.println(ite.getMessage() + ".");
            code = CliException.BAD_INPUT;
        } else if (e instanceof InterruptedException) {
            err.println("Interrupted.");
            code = CliException.FAILED;
        } else {
            LOG.error("ferry {} failed", cmd.getCommandName(), e);
            err.println("ferry " + cmd.getCommandName() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            code = CliException.FAILED;
        }
        err.flush();
        return code;
    }
}
