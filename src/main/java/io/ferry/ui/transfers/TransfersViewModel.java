package io.ferry.ui.transfers;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseGroup;
import io.ferry.domain.PhaseTransitions;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferService;
import io.ferry.ui.common.Actions;
import io.ferry.ui.common.FxCoalescer;
import io.ferry.ui.common.Keys;
import io.ferry.ui.i18n.I18n;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The transfer list: rows bound to the engine's transfers, the filters (text, phase group, provider), the counts
 * for the status bar, and the commands on the selection, each enabled only when the phase table allows it for every
 * selected row. Never touches a control, a stage or {@code Platform}: engine events arrive through an
 * {@link FxCoalescer} whose scheduler the caller supplies; engine calls run on {@code background}, their results come
 * back through {@code ui}. Tests pass direct executors and run it synchronously.
 */
public final class TransfersViewModel implements AutoCloseable {
    private final TransferService service;
    private final I18n i18n;
    private final Executor background;
    private final Executor ui;
    private final LongSupplier nanoClock;
    private final FxCoalescer<String, TransferEvent> coalescer;

    private final Map<String, TransferRow> byId = new HashMap<>();
    private final ObservableList<TransferRow> rows = FXCollections.observableArrayList();
    private final FilteredList<TransferRow> filtered = new FilteredList<>(rows);
    private final ObservableList<TransferRow> selection = FXCollections.observableArrayList();
    private final ObservableList<String> providers = FXCollections.observableArrayList();

    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<PhaseGroup> groupFilter = new SimpleObjectProperty<>(this, "groupFilter");
    private final ObjectProperty<String> providerFilter = new SimpleObjectProperty<>(this, "providerFilter");

    private final EnumMap<PhaseGroup, ReadOnlyIntegerWrapper> counts = new EnumMap<>(PhaseGroup.class);
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total");
    private final ReadOnlyDoubleWrapper throughput = new ReadOnlyDoubleWrapper(this, "throughput");
    private final ReadOnlyLongWrapper bandwidthLimit = new ReadOnlyLongWrapper(this, "bandwidthLimit");
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper(this, "lastError", "");
    private final EnumMap<Actions, ActionState> actions = new EnumMap<>(Actions.class);

    private BiConsumer<TransferRow, TransferPhase> outcomeHandler = (r, p) -> {};
    private AutoCloseable subscription;

    public TransfersViewModel(
            TransferService service,
            I18n i18n,
            Executor background,
            Executor ui,
            FxCoalescer.PulseScheduler pulses,
            LongSupplier nanoClock) {
        this.service = Objects.requireNonNull(service);
        this.i18n = i18n;
        this.background = background;
        this.ui = ui;
        this.nanoClock = nanoClock;
        this.coalescer = new FxCoalescer<>(this::apply, pulses, 50);
        for (PhaseGroup g : PhaseGroup.values()) {
            counts.put(g, new ReadOnlyIntegerWrapper(this, g.name()));
        }
        for (Actions a : Actions.ON_SELECTION) {
            actions.put(a, new ActionState());
        }
        filterText.addListener(o -> refilter());
        groupFilter.addListener(o -> refilter());
        providerFilter.addListener(o -> refilter());
        selection.addListener((ListChangeListener<TransferRow>) c -> refreshActions());
        i18n.localeProperty().addListener(o -> refreshActions());
        refreshActions();
    }

    /** Loads what the engine has (history included) and follows its events. Call once, on the FX thread. */
    public void start() {
        for (Transfer t : service.list()) {
            upsert(t, nanoClock.getAsLong());
        }
        subscription = service.subscribe(e -> coalescer.offer(e.transfer().id(), e));
        bandwidthLimit.set(service.bandwidthLimit());
        afterChange(true);
    }

    /** Applies one pulse's worth of engine events (latest per transfer). FX thread only. */
    void apply(Map<String, TransferEvent> batch) {
        long now = nanoClock.getAsLong();
        boolean groupsChanged = false;
        boolean selectionTouched = false;
        for (TransferEvent e : batch.values()) {
            Transfer t = e.transfer();
            if (e.kind() == TransferEvent.Kind.REMOVED) {
                groupsChanged |= removeRow(t.id());
                continue;
            }
            TransferRow row = byId.get(t.id());
            TransferPhase before = row == null ? null : row.phase();
            if (row == null) {
                upsert(t, now);
                groupsChanged = true;
            } else {
                row.update(t, now);
                if (before != t.phase()) {
                    groupsChanged |= before.group() != t.phase().group();
                    selectionTouched |= selection.contains(row);
                    if (isOutcome(t.phase()) && !isOutcome(before)) {
                        outcomeHandler.accept(row, t.phase());
                    }
                }
            }
        }
        bandwidthLimit.set(service.bandwidthLimit());
        afterChange(groupsChanged);
        if (selectionTouched) {
            refreshActions();
        }
    }

    private static boolean isOutcome(TransferPhase p) {
        return p == TransferPhase.FINISHED_SUCCESS || p == TransferPhase.FINISHED_FAILURE || p == TransferPhase.UNKNOWN;
    }

    private void upsert(Transfer t, long now) {
        TransferRow row = byId.get(t.id());
        if (row != null) {
            row.update(t, now);
            return;
        }
        row = new TransferRow(t, now);
        byId.put(t.id(), row);
        rows.add(row);
        if (!providers.contains(t.provider())) {
            providers.add(t.provider());
            FXCollections.sort(providers);
        }
    }

    private boolean removeRow(String id) {
        TransferRow row = byId.remove(id);
        if (row == null) {
            return false;
        }
        rows.remove(row);
        selection.remove(row);
        return true;
    }

    private void afterChange(boolean groupsChanged) {
        int[] n = new int[PhaseGroup.values().length];
        double speed = 0;
        for (TransferRow r : rows) {
            n[r.phase().group().ordinal()]++;
            speed += r.speed();
        }
        for (PhaseGroup g : PhaseGroup.values()) {
            counts.get(g).set(n[g.ordinal()]);
        }
        total.set(rows.size());
        throughput.set(speed);
        if (groupsChanged && groupFilter.get() != null) {
            refilter();
        }
    }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        PhaseGroup group = groupFilter.get();
        String provider = providerFilter.get();
        Predicate<TransferRow> p = r -> {
            Transfer t = r.transfer();
            if (group != null && t.phase().group() != group) {
                return false;
            }
            if (provider != null && !provider.equals(t.provider())) {
                return false;
            }
            return text.isEmpty() || matches(t, text);
        };
        filtered.setPredicate(text.isEmpty() && group == null && provider == null ? null : p);
    }

    private boolean matches(Transfer t, String text) {
        return contains(t.name(), text) || contains(t.source(), text) || contains(t.target(), text)
                || contains(t.id(), text) || contains(t.provider(), text) || contains(t.nativeStatus(), text)
                || contains(i18n.get(Keys.phase(t.phase())), text);
    }

    private static boolean contains(String s, String lowerNeedle) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    // ---- commands ----

    private void refreshActions() {
        for (Actions a : Actions.ON_SELECTION) {
            String reason = disabledReason(a);
            String what = i18n.get(a.textKey() + ".tip") + " (" + a.keys().getDisplayText() + ")";
            actions.get(a).set(reason == null, reason == null ? what : reason);
        }
    }

    /** Why {@code a} cannot run on the current selection, or null when it can. */
    private String disabledReason(Actions a) {
        if (selection.isEmpty()) {
            return i18n.get("reason.noSelection");
        }
        String label = i18n.get(a.textKey()).toLowerCase(i18n.locale());
        for (TransferRow row : selection) {
            Transfer t = row.transfer();
            String phase = i18n.get(Keys.phase(t.phase()));
            if (a == Actions.FINALIZE && "local".equals(t.provider())) {
                // the engine refuses it too: Ferry finalizes a copy it runs itself once all data is written
                return i18n.get("reason.finalizesItself", t.name());
            }
            if (a.phaseAction().isPresent()) {
                if (!PhaseTransitions.allows(t.phase(), a.phaseAction().get())) {
                    return i18n.get("reason.notAllowed", label, t.name(), phase, allowedIn(t.phase()));
                }
            } else if (a == Actions.REMOVE) {
                if (!(t.phase().isFinal() || t.phase() == TransferPhase.UNKNOWN)) {
                    return i18n.get("reason.stillRunning", t.name(), phase);
                }
            } else if (a == Actions.REVEAL) {
                if (!"local".equals(t.provider()) || t.target().isBlank()) {
                    return i18n.get("reason.notLocal", t.name());
                }
            }
        }
        return null;
    }

    private String allowedIn(TransferPhase p) {
        List<String> names = new ArrayList<>();
        for (Actions a : Actions.ON_SELECTION) {
            if (a.phaseAction().isPresent() && PhaseTransitions.allows(p, a.phaseAction().get())) {
                names.add(i18n.get(a.textKey()));
            }
        }
        return names.isEmpty() ? i18n.get("reason.nothingAllowed") : String.join(", ", names);
    }

    public ActionState action(Actions a) {
        return Objects.requireNonNull(actions.get(a), () -> a + " does not act on the selection");
    }

    /** True for commands the view must confirm first (cancel deletes partial data). */
    public boolean needsConfirmation(Actions a) {
        return a == Actions.CANCEL;
    }

    /** The confirmation question for {@code a} on the current selection. */
    public String confirmationText(Actions a) {
        return selection.size() == 1
                ? i18n.get("confirm.cancel.one", selection.getFirst().transfer().name())
                : i18n.get("confirm.cancel.many", selection.size());
    }

    /**
     * Runs {@code a} on every selected transfer (pause … retry, remove). Does nothing when the action is not
     * enabled. Failures (the engine refused, the transfer vanished) end up in {@link #lastErrorProperty()}.
     */
    public void run(Actions a) {
        if (!action(a).isEnabled()) {
            return;
        }
        List<String> ids = selection.stream().map(TransferRow::id).toList();
        if (a == Actions.REMOVE) {
            background.execute(() -> {
                for (String id : ids) {
                    try {
                        service.remove(id);
                        ui.execute(() -> {
                            if (removeRow(id)) {
                                afterChange(true);
                            }
                        });
                    } catch (RuntimeException e) {
                        report(id, e);
                    }
                }
            });
            return;
        }
        PhaseAction pa = a.phaseAction().orElseThrow(() -> new IllegalArgumentException(a + " is not a phase action"));
        background.execute(() -> {
            for (String id : ids) {
                try {
                    service.act(id, pa);
                } catch (RuntimeException e) { // IllegalTransitionException, NoSuchElementException, provider errors
                    report(id, e);
                }
            }
        });
    }

    private void report(String id, Exception e) {
        String name = service.get(id).map(Transfer::name).orElse(id);
        String msg = i18n.get("error.actionFailed", name, e.getMessage() == null ? e.toString() : e.getMessage());
        ui.execute(() -> lastError.set(msg));
    }

    /** Folders holding the selected local targets, for "reveal in file manager". */
    public List<Path> revealTargets() {
        return selection.stream()
                .map(r -> r.transfer())
                .filter(t -> "local".equals(t.provider()) && !t.target().isBlank())
                .map(t -> {
                    Path p = Path.of(t.target());
                    return p.getParent() == null ? p : p.getParent();
                })
                .distinct()
                .collect(Collectors.toList());
    }

    public void clearError() {
        lastError.set("");
    }

    /** The row for a transfer id, if listed. */
    public TransferRow row(String id) {
        return byId.get(id);
    }

    // ---- properties ----

    /** Every row, unfiltered. */
    public ObservableList<TransferRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The rows the filters let through (the table wraps them in a SortedList). */
    public FilteredList<TransferRow> filteredRows() {
        return filtered;
    }

    /** The view keeps this in step with the table's selection. */
    public ObservableList<TransferRow> selection() {
        return selection;
    }

    public ObservableList<String> providers() {
        return providers;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<PhaseGroup> groupFilterProperty() {
        return groupFilter;
    }

    public ObjectProperty<String> providerFilterProperty() {
        return providerFilter;
    }

    public ReadOnlyIntegerProperty countProperty(PhaseGroup g) {
        return counts.get(g).getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** Bytes per second over all rows. */
    public ReadOnlyDoubleProperty throughputProperty() {
        return throughput.getReadOnlyProperty();
    }

    /** Bytes per second, 0 = unlimited. */
    public ReadOnlyLongProperty bandwidthLimitProperty() {
        return bandwidthLimit.getReadOnlyProperty();
    }

    public void refreshBandwidthLimit() {
        bandwidthLimit.set(service.bandwidthLimit());
    }

    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    /** Called on the FX thread when a transfer reaches finished_success, finished_failure or unknown. */
    public void setOutcomeHandler(BiConsumer<TransferRow, TransferPhase> handler) {
        this.outcomeHandler = handler == null ? (r, p) -> {} : handler;
    }

    public FxCoalescer<String, TransferEvent> coalescer() {
        return coalescer;
    }

    public TransferService service() {
        return service;
    }

    public I18n i18n() {
        return i18n;
    }

    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // the engine is going away anyway
            }
        }
    }
}
