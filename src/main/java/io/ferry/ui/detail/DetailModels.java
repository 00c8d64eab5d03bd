package io.ferry.ui.detail;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.TransferPhase;
import java.util.List;

/** The value types the detail pane shows; all text already localized and formatted. */
public final class DetailModels {
    private DetailModels() {}

    /** One step of the phase timeline. */
    public record TimelineItem(TransferPhase phase, String phaseLabel, String time, String reason) {}

    /** A group of counters (found, copied, skipped by sync, deleted, failed, directories, cleanup). */
    public record CounterGroup(String title, List<CounterLine> lines) {}

    /** One counter line, e.g. "Copied to sink" → "1,204 objects · 12.3 GiB". */
    public record CounterLine(String label, String value) {}

    /** One error code: its HTTP mapping, count and at most five samples. */
    public record ErrorRow(ErrorCode code, int httpStatus, long count, String countText, String guidance,
            List<ErrorLogEntry> samples) {}

    /** A key/value line (Element attributes, IMS entities). */
    public record Attribute(String key, String value) {}

    /** A link the operator can open, e.g. the transfer URL. */
    public record Link(String label, String url) {}
}
