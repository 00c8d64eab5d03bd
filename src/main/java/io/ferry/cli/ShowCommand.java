package io.ferry.cli;

import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.ErrorSummary;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Rfc3339;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry show ID}: one transfer in full: progress, counters, error breakdown, sub-jobs, phase history. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one transfer in full.")
public final class ShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(paramLabel = "ID", description = "The transfer's id, or a unique prefix of it.")
    String id;

    public ShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Transfer t = TransferIds.find(context.backend().transfers(), id);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            out.println(TransferJson.line(TransferJson.of(t)));
        } else {
            print(out, t);
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, Transfer t) {
        row(out, "ID", t.id());
        row(out, "Name", t.name());
        row(out, "Provider", t.provider() + " (" + t.direction().wireName() + ")");
        row(out, "Source", t.source());
        row(out, "Target", t.target());
        row(out, "Phase", t.phase().apiName() + (t.nativeStatus().isEmpty() ? "" : "  (reported: " + t.nativeStatus() + ")"));
        String pct = t.progressPercent() < 0 ? "" : String.format(Locale.ROOT, "%.1f %%  ", t.progressPercent());
        row(out, "Progress", pct + Formats.bytes(t.bytesDone()) + (t.bytesTotal() >= 0 ? " of " + Formats.bytes(t.bytesTotal()) : ""));
        if (t.objectsTotal() >= 0 || t.objectsDone() > 0) {
            row(out, "Objects", t.objectsDone() + (t.objectsTotal() >= 0 ? " of " + t.objectsTotal() : ""));
        }
        row(out, "Created", time(t.created()));
        row(out, "Started", time(t.started()));
        row(out, "Ended", time(t.ended()));
        row(out, "Message", t.message());
        section(out, "Attributes", t.attributes());
        section(out, "Counters", t.counters().toWire());
        if (!t.errors().isEmpty()) {
            out.println("Errors");
            for (ErrorSummary s : t.errors().summaries()) {
                out.printf(Locale.ROOT, "  %s × %d%n", s.errorCode().name(), s.errorCount());
                for (ErrorLogEntry e : s.errorLogEntries()) {
                    out.println("    " + e.url() + (e.errorDetails().isEmpty() ? "" : ": " + String.join("; ", e.errorDetails())));
                }
            }
        }
        if (!t.subJobs().isEmpty()) {
            out.println("Sub-jobs");
            for (SubJob j : t.subJobs()) {
                out.printf(Locale.ROOT, "  %s  %s  %s%s%s%n", j.id(), j.type(), j.phase().apiName(),
                        j.nativeStatus().isEmpty() ? "" : " (" + j.nativeStatus() + ")",
                        j.failReason().isEmpty() ? "" : "  " + j.errorCode() + ": " + j.failReason());
            }
        }
        out.println("History");
        for (PhaseChange pc : t.history()) {
            out.printf(Locale.ROOT, "  %-30s  %-18s  %s%n", Rfc3339.format(pc.at()), pc.phase().apiName(), pc.reason());
        }
    }

    private static void row(PrintWriter out, String label, String value) {
        if (value != null && !value.isEmpty()) {
            out.printf(Locale.ROOT, "%-10s %s%n", label, value);
        }
    }

    private static void section(PrintWriter out, String title, Map<String, String> values) {
        if (!values.isEmpty()) {
            out.println(title);
            values.forEach((k, v) -> out.printf(Locale.ROOT, "  %-40s %s%n", k, v));
        }
    }

    private static String time(Instant t) {
        return t == null ? "" : Rfc3339.format(t);
    }
}
