package io.ferry.cli;

import io.ferry.domain.PhaseChange;
import io.ferry.domain.Rfc3339;
import io.ferry.domain.Transfer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a running transfer is shown: on a terminal one live line (phase, bar, percent, bytes, speed, ETA) redrawn
 * with {@code \r}; otherwise a plain line per phase change; with {@code --json} one JSON object per phase change.
 * Every phase change in the transfer's history is shown exactly once, even when events were coalesced.
 */
final class ProgressPrinter {
    enum Mode {
        LIVE,
        PLAIN,
        JSON
    }

    private static final int BAR = 24;
    private static final Duration REDRAW = Duration.ofMillis(100);

    private final Mode mode;
    private final PrintWriter out;
    private final Clock clock;
    private final Map<String, Integer> shownHistory = new HashMap<>();
    private final Map<String, SpeedMeter> meters = new HashMap<>();
    private Instant lastDraw = Instant.EPOCH;
    private int lastWidth;

    ProgressPrinter(Mode mode, PrintWriter out, Clock clock) {
        this.mode = mode;
        this.out = out;
        this.clock = clock;
    }

    static Mode mode(boolean json, boolean terminal) {
        return json ? Mode.JSON : terminal ? Mode.LIVE : Mode.PLAIN;
    }

    /** A new snapshot of a followed transfer. */
    void update(Transfer t) {
        meters.computeIfAbsent(t.id(), k -> new SpeedMeter()).add(clock.instant(), t.bytesDone());
        int shown = shownHistory.getOrDefault(t.id(), 0);
        boolean phaseChanged = t.history().size() > shown;
        for (int i = shown; i < t.history().size(); i++) {
            phase(t, t.history().get(i));
        }
        shownHistory.put(t.id(), t.history().size());
        if (mode == Mode.LIVE) {
            Instant now = clock.instant();
            if (phaseChanged || Duration.between(lastDraw, now).compareTo(REDRAW) >= 0) {
                draw(t);
                lastDraw = now;
            }
        }
    }

    private void phase(Transfer t, PhaseChange pc) {
        switch (mode) {
            case JSON -> {
                var m = TransferJson.phaseEvent(t);
                m.put("phase", pc.phase().apiName());
                m.put("time", Rfc3339.format(pc.at()));
                m.put("reason", pc.reason());
                out.println(TransferJson.line(m));
                out.flush();
            }
            case PLAIN -> {
                out.println(Rfc3339.format(pc.at()) + "  " + Formats.shortId(t.id()) + "  " + pc.phase().apiName()
                        + (pc.reason().isEmpty() ? "" : "  (" + pc.reason() + ")"));
                out.flush();
            }
            case LIVE -> {
                // the live line shows the phase
            }
        }
    }

    private void draw(Transfer t) {
        String line = liveLine(t, meters.get(t.id()).bytesPerSecond());
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastWidth = line.length();
    }

    static String liveLine(Transfer t, double speed) {
        double p = t.progressPercent();
        int filled = p < 0 ? 0 : (int) Math.round(BAR * p / 100.0);
        String bar = "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
        String name = t.name().length() > 24 ? t.name().substring(0, 23) + "…" : t.name();
        String bytes = Formats.bytes(t.bytesDone()) + (t.bytesTotal() >= 0 ? " / " + Formats.bytes(t.bytesTotal()) : "");
        String eta = "";
        if (speed > 0 && t.bytesTotal() > t.bytesDone()) {
            eta = "  ETA " + Formats.duration(Duration.ofSeconds((long) ((t.bytesTotal() - t.bytesDone()) / speed)));
        }
        return String.format(Locale.ROOT, "%s  %-18s %s %s  %s  %s%s", name, t.phase().apiName(), bar,
                Formats.percent(p), bytes, Formats.speed(speed), eta);
    }

    /** The run is over: end the live line, then one summary (a line, or the summary JSON object). */
    void finish(Transfer t) {
        update(t);
        switch (mode) {
            case JSON -> out.println(TransferJson.line(TransferJson.summary(t)));
            case LIVE -> {
                out.println();
                out.println(summaryLine(t));
            }
            case PLAIN -> out.println(summaryLine(t));
        }
        out.flush();
    }

    static String summaryLine(Transfer t) {
        StringBuilder sb = new StringBuilder();
        sb.append(t.phase().apiName()).append("  ").append(t.name()).append("  ").append(Formats.bytes(t.bytesDone()));
        if (t.started() != null && t.ended() != null) {
            Duration d = Duration.between(t.started(), t.ended());
            sb.append(" in ").append(Formats.duration(d));
            double secs = d.toNanos() / 1e9;
            if (secs > 0) {
                sb.append(" (").append(Formats.speed(t.bytesDone() / secs)).append(')');
            }
        }
        if (t.objectsTotal() > 1) {
            sb.append(", ").append(t.objectsDone()).append(" of ").append(t.objectsTotal()).append(" files");
        }
        if (!t.errors().isEmpty()) {
            sb.append(", ").append(t.errors().totalCount()).append(" error(s)");
        }
        sb.append("  id ").append(t.id());
        return sb.toString();
    }

    /** Bytes per second over the last five seconds of samples. */
    static final class SpeedMeter {
        private record Sample(Instant at, long bytes) {}

        private final ArrayDeque<Sample> samples = new ArrayDeque<>();

        void add(Instant at, long bytes) {
            if (!samples.isEmpty() && bytes < samples.getLast().bytes) {
                samples.clear(); // restarted from an earlier checkpoint
            }
            samples.addLast(new Sample(at, bytes));
            while (samples.size() > 2 && Duration.between(samples.getFirst().at, at).compareTo(Duration.ofSeconds(5)) > 0) {
                samples.removeFirst();
            }
        }

        double bytesPerSecond() {
            if (samples.size() < 2) {
                return 0;
            }
            Sample a = samples.getFirst();
            Sample b = samples.getLast();
            double secs = Duration.between(a.at, b.at).toNanos() / 1e9;
            return secs <= 0 ? 0 : (b.bytes - a.bytes) / secs;
        }
    }
}
