package io.ferry.ui.transfers;

import io.ferry.domain.PhaseGroup;
import io.ferry.domain.Transfer;
import io.ferry.ui.common.ActionControls;
import io.ferry.ui.common.Actions;
import io.ferry.ui.common.Formats;
import io.ferry.ui.common.Keys;
import io.ferry.ui.common.Icons;
import io.ferry.ui.i18n.I18n;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/**
 * The transfer list screen: toolbar, filter bar (text, phase-group chips with counts, provider), the table and the
 * status bar. Thin: binds to {@link TransfersViewModel} and forwards commands to the {@code commands} handler, which
 * the window implements (it owns confirmations, the sheets and the file manager).
 */
public final class TransfersView {
    private final TransfersViewModel vm;
    private final I18n i18n;
    private final ZoneId zone;
    private final Consumer<Actions> commands;
    private final ActionControls controls;
    private final TableView<TransferRow> table = new TableView<>();
    private final ToolBar toolbar;
    private final VBox center;
    private final StatusBar statusBar = new StatusBar();
    private final CustomTextField filter = new CustomTextField();
    private Formats formats;

    public TransfersView(TransfersViewModel vm, ZoneId zone, Consumer<Actions> commands) {
        this.vm = vm;
        this.i18n = vm.i18n();
        this.zone = zone;
        this.commands = commands;
        this.controls = new ActionControls(i18n);
        this.formats = Formats.of(i18n, zone);
        i18n.localeProperty().addListener(o -> {
            formats = Formats.of(i18n, zone);
            table.refresh();
        });
        this.toolbar = buildToolbar();
        buildTable();
        this.center = new VBox(buildFilterBar(), table);
        center.getStyleClass().add("transfers-center");
        VBox.setVgrow(table, Priority.ALWAYS);
        buildStatusBar();
    }

    public ToolBar toolbar() {
        return toolbar;
    }

    public Node center() {
        return center;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    public TableView<TransferRow> table() {
        return table;
    }

    public CustomTextField filterField() {
        return filter;
    }

    private ToolBar buildToolbar() {
        var newButton = controls.button(Actions.NEW_TRANSFER, () -> commands.accept(Actions.NEW_TRANSFER), null, null);
        newButton.getChildren().getFirst().getStyleClass().add(Styles.ACCENT);
        ToolBar bar = new ToolBar(newButton, new Separator(javafx.geometry.Orientation.VERTICAL));
        for (Actions a : Actions.ON_SELECTION) {
            if (a == Actions.FINALIZE || a == Actions.REMOVE) {
                bar.getItems().add(new Separator(javafx.geometry.Orientation.VERTICAL));
            }
            ActionState s = vm.action(a);
            bar.getItems().add(controls.button(a, () -> commands.accept(a), s.enabledProperty(), s.tooltipProperty()));
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var settings = controls.button(Actions.SETTINGS, () -> commands.accept(Actions.SETTINGS), null, null);
        bar.getItems().addAll(spacer, settings);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    private Node buildFilterBar() {
        filter.setLeft(Icons.of(MaterialDesignM.MAGNIFY));
        filter.promptTextProperty().bind(i18n.text("filter.prompt"));
        filter.setId("filter");
        filter.setPrefWidth(250);
        filter.setMinWidth(140);
        filter.textProperty().bindBidirectional(vm.filterTextProperty());

        HBox chips = new HBox();
        chips.getStyleClass().add("group-chips");
        ToggleGroup tg = new ToggleGroup();
        ToggleButton all = chip(tg, null, "group.all", vm.totalProperty());
        all.setSelected(true);
        chips.getChildren().add(all);
        for (PhaseGroup g : PhaseGroup.values()) {
            chips.getChildren().add(chip(tg, g, Keys.group(g), vm.countProperty(g)));
        }
        tg.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one chip is always on
            } else {
                vm.groupFilterProperty().set((PhaseGroup) now.getUserData());
            }
        });
        styleSegment(chips);

        ComboBox<String> provider = new ComboBox<>();
        provider.setId("provider-filter");
        provider.getItems().add(null);
        vm.providers().addListener((ListChangeListener<String>) c -> {
            String keep = provider.getValue();
            provider.getItems().setAll(vm.providers());
            provider.getItems().addFirst(null);
            provider.setValue(keep);
        });
        provider.getItems().addAll(vm.providers());
        provider.setCellFactory(lv -> new ProviderCell());
        provider.setButtonCell(new ProviderCell());
        provider.valueProperty().bindBidirectional(vm.providerFilterProperty());
        provider.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        i18n.localeProperty().addListener(o -> provider.setButtonCell(new ProviderCell()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(filter, Priority.SOMETIMES);
        HBox bar = new HBox(12, filter, chips, spacer, provider);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 12, 10, 12));
        bar.getStyleClass().add("filter-bar");
        return bar;
    }

    private static void styleSegment(HBox chips) {
        var kids = chips.getChildren();
        for (int i = 0; i < kids.size(); i++) {
            kids.get(i).getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == kids.size() - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
        }
    }

    private ToggleButton chip(ToggleGroup tg, PhaseGroup g, String key, ObservableValue<Number> count) {
        ToggleButton b = new ToggleButton();
        b.setToggleGroup(tg);
        b.setUserData(g);
        b.setId("chip-" + (g == null ? "all" : g.name().toLowerCase(java.util.Locale.ROOT)));
        b.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.get(key) + "  " + formats.count(count.getValue().longValue()), i18n.localeProperty(), count));
        b.getStyleClass().addAll("group-chip", Styles.SMALL);
        b.setFocusTraversable(false);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return b;
    }

    private final class ProviderCell extends ListCell<String> {
        @Override
        protected void updateItem(String p, boolean empty) {
            super.updateItem(p, empty);
            if (empty) {
                setText(null);
                setGraphic(null);
            } else if (p == null) {
                setText(i18n.get("filter.allProviders"));
                setGraphic(null);
            } else {
                setText(i18n.get("provider." + p));
                setGraphic(Icons.of(Icons.provider(p)));
            }
        }
    }

    private void buildTable() {
        table.setId("transfers");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getStyleClass().addAll(Styles.STRIPED, "transfers-table");
        table.setTableMenuButtonVisible(true);
        table.setFixedCellSize(38); // one row height: the virtual flow skips measuring every row on every pulse
        table.setPlaceholder(placeholder());
        table.accessibleTextProperty().bind(i18n.text("table.accessible"));

        TableColumn<TransferRow, Transfer> name = column("column.name", 320, TransferRow::transferProperty);
        name.setCellFactory(c -> new TransferCells.NameCell(i18n));
        name.setComparator(Comparator.comparing(Transfer::name, String.CASE_INSENSITIVE_ORDER));

        TableColumn<TransferRow, Transfer> dir = column("column.direction", 52, TransferRow::transferProperty);
        dir.setCellFactory(c -> new TransferCells.DirectionCell(i18n));
        dir.setComparator(Comparator.comparing(Transfer::direction));
        dir.setMaxWidth(70);
        dir.setResizable(false);

        TableColumn<TransferRow, Transfer> phase = column("column.phase", 150, TransferRow::transferProperty);
        phase.setCellFactory(c -> new TransferCells.PhaseCell(i18n));
        phase.setComparator(Comparator.<Transfer, PhaseGroup>comparing(t -> t.phase().group()).thenComparing(Transfer::phase));

        TableColumn<TransferRow, Transfer> progress = column("column.progress", 125, TransferRow::transferProperty);
        progress.setCellFactory(c -> new TransferCells.ProgressCell(() -> formats));
        progress.setComparator(Comparator.comparingDouble(TransferRow::progressOf));

        TableColumn<TransferRow, Transfer> size = column("column.size", 155, TransferRow::transferProperty);
        size.setCellFactory(c -> new TransferCells.TextCell<>(t -> t.bytesTotal() < 0 && t.bytesDone() == 0 ? ""
                : formats.bytesOf(t.bytesDone(), t.bytesTotal()), true));
        size.setComparator(Comparator.comparingLong(Transfer::bytesTotal));

        TableColumn<TransferRow, Number> speed = column("column.speed", 110, TransferRow::speedProperty);
        speed.setCellFactory(c -> new TransferCells.TextCell<>(v -> formats.speed(v.doubleValue()), true));

        TableColumn<TransferRow, Duration> eta = column("column.eta", 110, TransferRow::etaProperty);
        eta.setCellFactory(c -> new TransferCells.TextCell<>(d -> formats.eta(d), true));
        eta.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));

        TableColumn<TransferRow, Transfer> started = column("column.started", 125, TransferRow::transferProperty);
        started.setCellFactory(c -> new TransferCells.TextCell<>(t -> formats.dateTime(t.started()), false));
        started.setComparator(Comparator.comparing(Transfer::started, Comparator.nullsLast(Comparator.<Instant>naturalOrder())));

        TableColumn<TransferRow, Transfer> ended = column("column.ended", 125, TransferRow::transferProperty);
        ended.setCellFactory(c -> new TransferCells.TextCell<>(t -> formats.dateTime(t.ended()), false));
        ended.setComparator(Comparator.comparing(Transfer::ended, Comparator.nullsLast(Comparator.<Instant>naturalOrder())));

        table.getColumns().setAll(java.util.List.of(name, dir, phase, progress, size, speed, eta, started, ended));
        // Name takes whatever the other columns leave; below their minimum widths the table scrolls sideways
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        javafx.beans.InvalidationListener fitName = o -> {
            double others = 0;
            for (TableColumn<TransferRow, ?> c : table.getColumns()) {
                if (c != name && c.isVisible()) {
                    others += c.getWidth();
                }
            }
            name.setPrefWidth(Math.max(name.getMinWidth(), table.getWidth() - others - 18));
        };
        table.widthProperty().addListener(fitName);
        for (TableColumn<TransferRow, ?> c : table.getColumns()) {
            if (c != name) {
                c.widthProperty().addListener(fitName);
                c.visibleProperty().addListener(fitName);
            }
        }

        SortedList<TransferRow> sorted = new SortedList<>(vm.filteredRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TransferRow>) c ->
                vm.selection().setAll(table.getSelectionModel().getSelectedItems().stream()
                        .filter(java.util.Objects::nonNull).toList()));

        ContextMenu menu = new ContextMenu();
        for (Actions a : Actions.ON_SELECTION) {
            if (a == Actions.FINALIZE || a == Actions.REMOVE) {
                menu.getItems().add(new SeparatorMenuItem());
            }
            menu.getItems().add(controls.menuItem(a, () -> commands.accept(a), vm.action(a).enabledProperty(), false));
        }
        table.setRowFactory(tv -> {
            TableRow<TransferRow> r = new PhaseRow();
            r.contextMenuProperty().bind(Bindings.when(r.emptyProperty()).then((ContextMenu) null).otherwise(menu));
            return r;
        });
    }

    /** A row that carries its transfer's group as a pseudo-class (failed rows get a red edge, paused an amber one). */
    private static final class PhaseRow extends TableRow<TransferRow> {
        private static final javafx.css.PseudoClass FAILED = javafx.css.PseudoClass.getPseudoClass("failed");
        private static final javafx.css.PseudoClass PAUSED = javafx.css.PseudoClass.getPseudoClass("paused");
        private final javafx.beans.value.ChangeListener<io.ferry.domain.TransferPhase> onPhase = (o, was, now) -> mark(now);

        PhaseRow() {
            itemProperty().addListener((o, was, now) -> {
                if (was != null) {
                    was.phaseProperty().removeListener(onPhase);
                }
                if (now != null) {
                    now.phaseProperty().addListener(onPhase);
                }
                mark(now == null ? null : now.phase());
            });
        }

        private void mark(io.ferry.domain.TransferPhase p) {
            pseudoClassStateChanged(FAILED, p != null && p.group() == PhaseGroup.FAILED);
            pseudoClassStateChanged(PAUSED, p == io.ferry.domain.TransferPhase.PAUSED_SYSTEM);
        }
    }

    /** Below these a column's typical value no longer fits; the table scrolls sideways instead. */
    private static final Map<String, Double> MIN_WIDTHS = Map.of(
            "column.name", 160.0, "column.direction", 52.0, "column.phase", 150.0, "column.progress", 125.0,
            "column.size", 155.0, "column.speed", 110.0, "column.eta", 110.0, "column.started", 125.0,
            "column.ended", 125.0);

    private <T> TableColumn<TransferRow, T> column(String key, double width, Function<TransferRow, ObservableValue<T>> value) {
        TableColumn<TransferRow, T> c = new TableColumn<>();
        c.textProperty().bind(i18n.text(key));
        c.setId(key.substring("column.".length()));
        c.setPrefWidth(width);
        c.setMinWidth(MIN_WIDTHS.getOrDefault(key, 40.0));
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        return c;
    }

    private Node placeholder() {
        Label title = new Label();
        title.textProperty().bind(i18n.text("table.empty.title"));
        title.getStyleClass().add(Styles.TITLE_4);
        Label hint = new Label();
        hint.textProperty().bind(i18n.text("table.empty.hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        var icon = Icons.of(MaterialDesignC.CLOUD_UPLOAD_OUTLINE, "placeholder-icon");
        VBox box = new VBox(8, icon, title, hint);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private void buildStatusBar() {
        statusBar.setId("status-bar");
        statusBar.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.get("status.total", formats.count(vm.totalProperty().get()), vm.totalProperty().get()),
                vm.totalProperty(), i18n.localeProperty()));
        Map<PhaseGroup, Label> counts = new EnumMap<>(PhaseGroup.class);
        for (PhaseGroup g : PhaseGroup.values()) {
            Label l = new Label();
            l.setId("status-" + g.name().toLowerCase(java.util.Locale.ROOT));
            l.getStyleClass().addAll("status-count", "status-" + g.name().toLowerCase(java.util.Locale.ROOT));
            l.setGraphic(new Region());
            l.getGraphic().getStyleClass().add("status-dot");
            l.textProperty().bind(Bindings.createStringBinding(
                    () -> i18n.get(Keys.group(g)) + " " + formats.count(vm.countProperty(g).get()),
                    vm.countProperty(g), i18n.localeProperty()));
            counts.put(g, l);
        }
        HBox countBox = new HBox(14);
        countBox.setAlignment(Pos.CENTER_RIGHT);
        countBox.getChildren().addAll(counts.values());
        statusBar.getRightItems().add(countBox);
        Label throughput = new Label();
        throughput.setId("status-throughput");
        throughput.getStyleClass().add("status-throughput");
        throughput.setGraphic(Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignS.SPEEDOMETER));
        throughput.textProperty().bind(Bindings.createStringBinding(() -> {
            double v = vm.throughputProperty().get();
            return v > 0 ? formats.speed(v) : i18n.get("status.idle");
        }, vm.throughputProperty(), i18n.localeProperty()));
        Label limit = new Label();
        limit.setId("status-limit");
        limit.getStyleClass().add("status-limit");
        limit.textProperty().bind(Bindings.createStringBinding(() -> {
            long v = vm.bandwidthLimitProperty().get();
            return v > 0 ? i18n.get("status.limit", formats.speed(v)) : i18n.get("status.noLimit");
        }, vm.bandwidthLimitProperty(), i18n.localeProperty()));
        limit.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("limited"), vm.bandwidthLimitProperty().get() > 0);
        vm.bandwidthLimitProperty().addListener((o, was, now) ->
                limit.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("limited"), now.longValue() > 0));
        HBox speedBox = new HBox(14, new Separator(javafx.geometry.Orientation.VERTICAL), throughput,
                new Separator(javafx.geometry.Orientation.VERTICAL), limit);
        speedBox.setAlignment(Pos.CENTER_RIGHT);
        speedBox.setPadding(new Insets(0, 0, 0, 14));
        statusBar.getRightItems().add(speedBox);
    }
}
