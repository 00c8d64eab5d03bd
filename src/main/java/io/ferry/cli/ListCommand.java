package io.ferry.cli;

import io.ferry.domain.Transfer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry list}: every transfer in the store, oldest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List transfers (works beside a running Ferry).")
public final class ListCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    public ListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Transfer> all = context.backend().transfers();
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            out.println(TransferJson.line(all.stream().map(TransferJson::of).toList()));
        } else if (all.isEmpty()) {
            out.println("No transfers yet. Start one with: ferry copy SRC DST");
        } else {
            String fmt = "%-8s  %-18s  %5s  %-21s  %-8s  %s%n";
            out.printf(Locale.ROOT, fmt, "ID", "PHASE", "DONE", "BYTES", "PROVIDER", "NAME");
            for (Transfer t : all) {
                String bytes = Formats.bytes(t.bytesDone()) + (t.bytesTotal() >= 0 ? " / " + Formats.bytes(t.bytesTotal()) : "");
                out.printf(Locale.ROOT, fmt, Formats.shortId(t.id()), t.phase().apiName(), Formats.percent(t.progressPercent()),
                        bytes, t.provider(), t.name());
            }
        }
        out.flush();
        return 0;
    }
}
