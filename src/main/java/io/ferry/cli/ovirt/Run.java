package io.ferry.cli.ovirt;

import io.ferry.engine.TransferRequest;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs a request with the progress line and prints the outcome; returns the exit code. */
final class Run {
    private Run() {}

    static int go(CommandLine.Model.CommandSpec spec, TransferRunner runner, TransferRequest req, boolean json)
            throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        TransferRunner.Outcome o = runner.run(req, CliOutput.progress(err, json));
        return CliOutput.finish(o, json, start, out, err);
    }
}
