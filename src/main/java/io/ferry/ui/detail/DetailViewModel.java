package io.ferry.ui.detail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferry.domain.Counter;
import io.ferry.domain.ErrorSummary;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferCounters;
import io.ferry.ui.common.Formats;
import io.ferry.ui.common.Keys;
import io.ferry.ui.detail.DetailModels.Attribute;
import io.ferry.ui.detail.DetailModels.CounterGroup;
import io.ferry.ui.detail.DetailModels.CounterLine;
import io.ferry.ui.detail.DetailModels.ErrorRow;
import io.ferry.ui.detail.DetailModels.Link;
import io.ferry.ui.detail.DetailModels.TimelineItem;
import io.ferry.ui.i18n.I18n;
import io.ferry.ui.transfers.TransferRow;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the detail pane shows for the selected transfer: source and target, the phase timeline, the counters that
 * apply (grouped, formatted for the language), the error breakdown (per code: HTTP mapping, count, at most five
 * samples), sub-jobs, message, attributes and links. Each part is republished only when it really changed, so a
 * transfer reporting progress ten times a second does not rebuild (or collapse) the error rows.
 */
public final class DetailViewModel {
    /** Built on first use (raw payload copy), not with the window: an ObjectMapper costs start-up time. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Counter lines: label key, objects counter (or null), bytes counter (or null). */
    private record Spec(String key, Counter objects, Counter bytes) {}

    private static final Map<String, List<Spec>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("found", List.of(
                new Spec("foundFromSource", Counter.OBJECTS_FOUND_FROM_SOURCE, Counter.BYTES_FOUND_FROM_SOURCE),
                new Spec("foundOnlyFromSink", Counter.OBJECTS_FOUND_ONLY_FROM_SINK, Counter.BYTES_FOUND_ONLY_FROM_SINK)));
        GROUPS.put("copied", List.of(
                new Spec("copiedToSink", Counter.OBJECTS_COPIED_TO_SINK, Counter.BYTES_COPIED_TO_SINK)));
        GROUPS.put("skipped", List.of(new Spec("skippedBySync",
                Counter.OBJECTS_FROM_SOURCE_SKIPPED_BY_SYNC, Counter.BYTES_FROM_SOURCE_SKIPPED_BY_SYNC)));
        GROUPS.put("deleted", List.of(
                new Spec("deletedFromSource", Counter.OBJECTS_DELETED_FROM_SOURCE, Counter.BYTES_DELETED_FROM_SOURCE),
                new Spec("deletedFromSink", Counter.OBJECTS_DELETED_FROM_SINK, Counter.BYTES_DELETED_FROM_SINK)));
        GROUPS.put("failed", List.of(
                new Spec("fromSourceFailed", Counter.OBJECTS_FROM_SOURCE_FAILED, Counter.BYTES_FROM_SOURCE_FAILED),
                new Spec("failedToDeleteFromSink",
                        Counter.OBJECTS_FAILED_TO_DELETE_FROM_SINK, Counter.BYTES_FAILED_TO_DELETE_FROM_SINK)));
        GROUPS.put("directories", List.of(
                new Spec("directoriesFound", Counter.DIRECTORIES_FOUND_FROM_SOURCE, null),
                new Spec("directoriesListed", Counter.DIRECTORIES_SUCCESSFULLY_LISTED_FROM_SOURCE, null),
                new Spec("directoriesFailedToList", Counter.DIRECTORIES_FAILED_TO_LIST_FROM_SOURCE, null)));
        GROUPS.put("cleanup", List.of(
                new Spec("intermediateCleanedUp", Counter.INTERMEDIATE_OBJECTS_CLEANED_UP, null),
                new Spec("intermediateFailedCleanedUp", Counter.INTERMEDIATE_OBJECTS_FAILED_CLEANED_UP, null)));
    }

    private final I18n i18n;
    private final ZoneId zone;
    private final ObjectProperty<TransferRow> row = new SimpleObjectProperty<>(this, "row");
    private final ReadOnlyObjectWrapper<Transfer> transfer = new ReadOnlyObjectWrapper<>(this, "transfer");
    private final ReadOnlyObjectWrapper<List<TimelineItem>> timeline = new ReadOnlyObjectWrapper<>(this, "timeline", List.of());
    private final ReadOnlyObjectWrapper<List<CounterGroup>> counters = new ReadOnlyObjectWrapper<>(this, "counters", List.of());
    private final ReadOnlyObjectWrapper<List<ErrorRow>> errors = new ReadOnlyObjectWrapper<>(this, "errors", List.of());
    private final ReadOnlyObjectWrapper<List<SubJob>> subJobs = new ReadOnlyObjectWrapper<>(this, "subJobs", List.of());
    private final ReadOnlyObjectWrapper<List<Attribute>> attributes = new ReadOnlyObjectWrapper<>(this, "attributes", List.of());
    private final ReadOnlyObjectWrapper<List<Link>> links = new ReadOnlyObjectWrapper<>(this, "links", List.of());

    private final InvalidationListener onTransfer = o -> refresh();
    private final WeakInvalidationListener weakOnTransfer = new WeakInvalidationListener(onTransfer);

    public DetailViewModel(I18n i18n, ZoneId zone) {
        this.i18n = i18n;
        this.zone = zone;
        row.addListener((o, was, now) -> {
            if (was != null) {
                was.transferProperty().removeListener(weakOnTransfer);
            }
            if (now != null) {
                now.transferProperty().addListener(weakOnTransfer);
            }
            refresh();
        });
        i18n.localeProperty().addListener(o -> {
            // force every localized part to be rebuilt
            timeline.set(List.of());
            counters.set(List.of());
            errors.set(List.of());
            refresh();
        });
    }

    private void refresh() {
        TransferRow r = row.get();
        Transfer t = r == null ? null : r.transfer();
        transfer.set(t);
        if (t == null) {
            setIfChanged(timeline, List.of());
            setIfChanged(counters, List.of());
            setIfChanged(errors, List.of());
            setIfChanged(subJobs, List.of());
            setIfChanged(attributes, List.of());
            setIfChanged(links, List.of());
            return;
        }
        Formats f = Formats.of(i18n, zone);
        setIfChanged(timeline, timelineOf(t, f));
        setIfChanged(counters, countersOf(t.counters(), f));
        setIfChanged(errors, errorsOf(t, f));
        setIfChanged(subJobs, t.subJobs());
        List<Attribute> attrs = new ArrayList<>();
        List<Link> ls = new ArrayList<>();
        t.attributes().forEach((k, v) -> {
            if (v != null && (v.startsWith("https://") || v.startsWith("http://"))) {
                ls.add(new Link(k, v));
            } else {
                attrs.add(new Attribute(k, Objects.toString(v, "")));
            }
        });
        setIfChanged(attributes, attrs);
        setIfChanged(links, ls);
    }

    private static <T> void setIfChanged(ReadOnlyObjectWrapper<T> p, T value) {
        if (!Objects.equals(p.get(), value)) {
            p.set(value);
        }
    }

    private List<TimelineItem> timelineOf(Transfer t, Formats f) {
        List<TimelineItem> out = new ArrayList<>();
        for (PhaseChange c : t.history()) {
            out.add(new TimelineItem(c.phase(), i18n.get(Keys.phase(c.phase())), f.dateTimeLong(c.at()), c.reason()));
        }
        return out;
    }

    private List<CounterGroup> countersOf(TransferCounters c, Formats f) {
        List<CounterGroup> out = new ArrayList<>();
        if (c.isEmpty()) {
            return out;
        }
        for (Map.Entry<String, List<Spec>> g : GROUPS.entrySet()) {
            List<CounterLine> lines = new ArrayList<>();
            for (Spec s : g.getValue()) {
                boolean hasObjects = s.objects() != null && c.has(s.objects());
                boolean hasBytes = s.bytes() != null && c.has(s.bytes());
                if (!hasObjects && !hasBytes) {
                    continue;
                }
                String value;
                if (hasObjects && hasBytes) {
                    value = i18n.get("counter.objectsAndBytes", objects(s, c.get(s.objects()), f), f.bytes(c.get(s.bytes())));
                } else if (hasObjects) {
                    value = objects(s, c.get(s.objects()), f);
                } else {
                    value = f.bytes(c.get(s.bytes()));
                }
                lines.add(new CounterLine(i18n.get("counter." + s.key()), value));
            }
            if (!lines.isEmpty()) {
                out.add(new CounterGroup(i18n.get("counterGroup." + g.getKey()), lines));
            }
        }
        return out;
    }

    private String objects(Spec s, long n, Formats f) {
        return s.key().startsWith("directories") ? i18n.get("counter.directories", f.count(n), n)
                : s.key().startsWith("intermediate") ? f.count(n) : i18n.get("counter.objects", f.count(n), n);
    }

    private List<ErrorRow> errorsOf(Transfer t, Formats f) {
        List<ErrorRow> out = new ArrayList<>();
        for (ErrorSummary s : t.errors().summaries()) {
            out.add(new ErrorRow(
                    s.errorCode(),
                    s.errorCode().httpStatus(),
                    s.errorCount(),
                    i18n.get("error.count", f.count(s.errorCount()), s.errorCount()),
                    i18n.get("guidance." + s.errorCode().guidance().name().toLowerCase(Locale.ROOT)),
                    s.errorLogEntries().stream().limit(ErrorSummary.MAX_SAMPLES).toList()));
        }
        return out;
    }

    /** The error breakdown in seed 002's shape: {@code {"errorBreakdowns": [...]}}, pretty-printed. */
    public String errorBreakdownJson() {
        Transfer t = transfer.get();
        Map<String, Object> wrapper = new LinkedHashMap<>();
        wrapper.put("errorBreakdowns", t == null ? List.of() : t.errors().toWire());
        try {
            return Json.MAPPER.writeValueAsString(wrapper);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("error breakdown is not serializable", e);
        }
    }

    public ObjectProperty<TransferRow> rowProperty() {
        return row;
    }

    public ReadOnlyObjectProperty<Transfer> transferProperty() {
        return transfer.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<TimelineItem>> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<CounterGroup>> countersProperty() {
        return counters.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<ErrorRow>> errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<SubJob>> subJobsProperty() {
        return subJobs.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Attribute>> attributesProperty() {
        return attributes.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Link>> linksProperty() {
        return links.getReadOnlyProperty();
    }

    public I18n i18n() {
        return i18n;
    }

    public ZoneId zone() {
        return zone;
    }
}
