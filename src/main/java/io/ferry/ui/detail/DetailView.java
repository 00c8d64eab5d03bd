package io.ferry.ui.detail;

import io.ferry.ui.common.SheetControls;
import atlantafx.base.theme.Styles;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.ui.common.Formats;
import io.ferry.ui.common.Keys;
import io.ferry.ui.common.Icons;
import io.ferry.ui.common.PhaseBadge;
import io.ferry.ui.detail.DetailModels.Attribute;
import io.ferry.ui.detail.DetailModels.CounterGroup;
import io.ferry.ui.detail.DetailModels.CounterLine;
import io.ferry.ui.detail.DetailModels.ErrorRow;
import io.ferry.ui.detail.DetailModels.Link;
import io.ferry.ui.detail.DetailModels.TimelineItem;
import io.ferry.ui.i18n.I18n;
import io.ferry.ui.transfers.TransferRow;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/**
 * The detail pane for the selected transfer: a header with phase and progress, then sections for source and target,
 * message, timeline, counters, error breakdown (expandable per code, "Copy as JSON"), sub-jobs, attributes and links.
 * Each section is rebuilt only when its part of the view model changes.
 */
public final class DetailView {
    private final DetailViewModel vm;
    private final I18n i18n;
    private final Consumer<String> copyToClipboard;
    private final Consumer<String> openLink;
    private final StackPane root = new StackPane();
    private final VBox content = new VBox(14);
    private final Label title = new Label();
    private final FontIcon providerIcon = new FontIcon();
    private final PhaseBadge badge = new PhaseBadge();
    private final Label providerLabel = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label progressText = new Label();
    private final GridPane paths = grid();
    private final Label message = new Label();
    private final VBox messageSection;
    private final VBox timelineBox = new VBox(0);
    private final VBox timelineSection;
    private final VBox countersBox = new VBox(10);
    private final VBox countersSection;
    private final VBox errorsBox = new VBox(6);
    private final VBox errorsSection;
    private final Label errorsTitle = new Label();
    private final TreeView<String> subJobsTree = new TreeView<>();
    private final VBox subJobsSection;
    private final GridPane attributesGrid = grid();
    private final VBox attributesSection;
    private final VBox linksBox = new VBox(2);
    private final VBox linksSection;
    private final VBox empty;

    public DetailView(DetailViewModel vm, Consumer<String> copyToClipboard, Consumer<String> openLink) {
        this.vm = vm;
        this.i18n = vm.i18n();
        this.copyToClipboard = copyToClipboard;
        this.openLink = openLink;

        root.getStyleClass().add("detail-pane");
        root.setId("detail");
        root.getStylesheets().add(DetailView.class.getResource("/io/ferry/ui/detail/detail.css").toExternalForm());

        title.getStyleClass().addAll(Styles.TITLE_4, "detail-title");
        title.setWrapText(true);
        title.setId("detail-title");
        providerIcon.getStyleClass().add("detail-provider-icon");
        providerLabel.getStyleClass().add(Styles.TEXT_MUTED);
        providerLabel.setWrapText(true);
        providerLabel.setMinWidth(0);
        HBox titleRow = new HBox(10, providerIcon, title);
        titleRow.setAlignment(Pos.TOP_LEFT);
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        progressText.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox badgeRow = new HBox(8, badge);
        badgeRow.setAlignment(Pos.CENTER_LEFT);
        HBox barRow = new HBox(progress);
        HBox.setHgrow(progress, Priority.ALWAYS);
        progress.setPrefWidth(10_000); // AtlantaFX gives bars a fixed preferred width; let the row decide
        progress.setMinWidth(0);
        VBox header = new VBox(8, titleRow, badgeRow, providerLabel, barRow, progressText);
        header.getStyleClass().add("detail-header");

        messageSection = section("detail.message", message);
        message.setWrapText(true);
        message.setId("detail-message");
        timelineSection = section("detail.timeline", timelineBox);
        countersSection = section("detail.counters", countersBox);

        Button copy = new Button();
        copy.setId("copy-json");
        copy.textProperty().bind(i18n.text("action.copyJson"));
        copy.setGraphic(Icons.of(MaterialDesignC.CODE_JSON));
        copy.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        copy.setOnAction(e -> copyToClipboard.accept(vm.errorBreakdownJson()));
        errorsTitle.getStyleClass().add("section-title");
        Region sp = new Region();
        HBox.setHgrow(sp, Priority.ALWAYS);
        HBox errorsHead = new HBox(8, errorsTitle, sp, copy);
        errorsHead.setAlignment(Pos.CENTER_LEFT);
        errorsBox.setId("error-breakdown");
        errorsSection = new VBox(8, errorsHead, errorsBox);
        errorsSection.getStyleClass().add("detail-section");

        subJobsTree.setShowRoot(false);
        subJobsTree.setId("sub-jobs");
        subJobsTree.setPrefHeight(170);
        subJobsTree.getStyleClass().add("sub-jobs");
        subJobsSection = section("detail.subJobs", subJobsTree);
        attributesSection = section("detail.attributes", attributesGrid);
        linksSection = section("detail.links", linksBox);

        content.getChildren().addAll(header, section("detail.paths", paths), messageSection, errorsSection,
                countersSection, subJobsSection, attributesSection, linksSection, timelineSection);
        content.setPadding(new Insets(16));
        content.setMinWidth(0);
        content.getStyleClass().add("detail-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("detail-scroll");

        Label emptyTitle = new Label();
        emptyTitle.textProperty().bind(i18n.text("detail.empty"));
        emptyTitle.getStyleClass().add(Styles.TEXT_MUTED);
        emptyTitle.setWrapText(true);
        empty = new VBox(8, Icons.of(MaterialDesignI.INFORMATION_OUTLINE, "placeholder-icon"), emptyTitle);
        empty.setAlignment(Pos.CENTER);
        empty.setPadding(new Insets(24));
        root.getChildren().addAll(scroll, empty);

        scroll.visibleProperty().bind(vm.transferProperty().isNotNull());
        empty.visibleProperty().bind(vm.transferProperty().isNull());

        vm.transferProperty().addListener((o, was, now) -> showHeader(now));
        vm.timelineProperty().addListener((o, was, now) -> showTimeline(now));
        vm.countersProperty().addListener((o, was, now) -> showCounters(now));
        vm.errorsProperty().addListener((o, was, now) -> showErrors(now));
        vm.subJobsProperty().addListener((o, was, now) -> showSubJobs(now));
        vm.attributesProperty().addListener((o, was, now) -> showAttributes(now));
        vm.linksProperty().addListener((o, was, now) -> showLinks(now));
        i18n.localeProperty().addListener(o -> {
            showHeader(vm.transferProperty().get());
            showSubJobs(vm.subJobsProperty().get());
        });
        showHeader(vm.transferProperty().get());
        showTimeline(vm.timelineProperty().get());
        showCounters(vm.countersProperty().get());
        showErrors(vm.errorsProperty().get());
        showSubJobs(vm.subJobsProperty().get());
        showAttributes(vm.attributesProperty().get());
        showLinks(vm.linksProperty().get());
    }

    public Node node() {
        return root;
    }

    public void show(TransferRow row) {
        vm.rowProperty().set(row);
    }

    private VBox section(String key, Node body) {
        Label t = new Label();
        t.textProperty().bind(i18n.text(key));
        t.getStyleClass().add("section-title");
        VBox box = new VBox(8, t, body);
        box.getStyleClass().add("detail-section");
        return box;
    }

    private static GridPane grid() {
        GridPane g = SheetControls.form(12, 6);
        return g;
    }

    private static void show(Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }

    private Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("detail-key");
        return l;
    }

    private Label value(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("detail-value");
        l.setWrapText(true);
        l.setMinWidth(0);
        return l;
    }

    private void showHeader(Transfer t) {
        if (t == null) {
            return;
        }
        Formats f = Formats.of(i18n, vm.zone());
        title.setText(t.name());
        providerIcon.setIconCode(Icons.provider(t.provider()));
        badge.show(t.phase(), t.nativeStatus(), t.phaseReason(), i18n);
        String nativeStatus = t.nativeStatus().isBlank() ? "" : " · " + t.nativeStatus();
        providerLabel.setText(i18n.get("provider." + t.provider()) + " · " + i18n.get("direction." + t.direction().wireName())
                + nativeStatus);
        double p = TransferRow.progressOf(t);
        progress.setProgress(p < 0 ? ProgressBar.INDETERMINATE_PROGRESS : p);
        String style = "bar-" + t.phase().group().name().toLowerCase(Locale.ROOT);
        if (!progress.getStyleClass().contains(style)) {
            progress.getStyleClass().removeIf(s -> s.startsWith("bar-"));
            progress.getStyleClass().add(style);
        }
        StringBuilder pt = new StringBuilder();
        if (p >= 0) {
            pt.append(f.percent(p * 100));
        }
        if (t.bytesTotal() >= 0 || t.bytesDone() > 0) {
            pt.append(pt.isEmpty() ? "" : " · ").append(f.bytesOf(t.bytesDone(), t.bytesTotal()));
        }
        if (t.objectsTotal() > 0) {
            pt.append(pt.isEmpty() ? "" : " · ")
                    .append(i18n.get("detail.objectsOf", f.count(t.objectsDone()), f.count(t.objectsTotal())));
        }
        progressText.setText(pt.toString());

        paths.getChildren().clear();
        paths.addRow(0, key(i18n.get("detail.source")), value(t.source()));
        paths.addRow(1, key(i18n.get("detail.target")), value(t.target()));
        int r = 2;
        if (t.started() != null) {
            paths.addRow(r++, key(i18n.get("column.started")), value(f.dateTimeLong(t.started())));
        }
        if (t.ended() != null) {
            paths.addRow(r++, key(i18n.get("column.ended")), value(f.dateTimeLong(t.ended())));
        }
        paths.addRow(r, key(i18n.get("detail.id")), value(t.id()));
        message.setText(t.message());
        show(messageSection, !t.message().isBlank());
    }

    private void showTimeline(List<TimelineItem> items) {
        timelineBox.getChildren().clear();
        for (int i = items.size() - 1; i >= 0; i--) {
            TimelineItem it = items.get(i);
            Region dot = new Region();
            dot.getStyleClass().addAll("timeline-dot", "dot-" + it.phase().group().name().toLowerCase(Locale.ROOT));
            Label phase = new Label(it.phaseLabel());
            phase.getStyleClass().add("timeline-phase");
            Label time = new Label(it.time());
            time.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            Region sp = new Region();
            HBox.setHgrow(sp, Priority.ALWAYS);
            HBox line1 = new HBox(8, phase, sp, time);
            line1.setAlignment(Pos.CENTER_LEFT);
            VBox text = new VBox(2, line1);
            if (!it.reason().isBlank()) {
                Label reason = new Label(it.reason());
                reason.setWrapText(true);
                reason.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                text.getChildren().add(reason);
            }
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(10, dot, text);
            row.getStyleClass().add("timeline-item");
            timelineBox.getChildren().add(row);
        }
        show(timelineSection, !items.isEmpty());
    }

    private void showCounters(List<CounterGroup> groups) {
        countersBox.getChildren().clear();
        for (CounterGroup g : groups) {
            Label t = new Label(g.title());
            t.getStyleClass().add("counter-group-title");
            GridPane grid = grid();
            int r = 0;
            for (CounterLine l : g.lines()) {
                Label v = value(l.value());
                v.getStyleClass().add("counter-value");
                grid.addRow(r++, key(l.label()), v);
            }
            countersBox.getChildren().add(new VBox(4, t, grid));
        }
        show(countersSection, !groups.isEmpty());
    }

    private void showErrors(List<ErrorRow> rows) {
        errorsBox.getChildren().clear();
        long total = rows.stream().mapToLong(ErrorRow::count).sum();
        errorsTitle.setText(i18n.get("detail.errors", total));
        for (ErrorRow r : rows) {
            errorsBox.getChildren().add(errorRow(r));
        }
        show(errorsSection, !rows.isEmpty());
    }

    private Node errorRow(ErrorRow r) {
        ToggleButton expand = new ToggleButton();
        FontIcon chevron = Icons.of(MaterialDesignC.CHEVRON_RIGHT);
        expand.setGraphic(chevron);
        expand.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL, "error-expand");
        expand.setAccessibleText(i18n.get("detail.samples", r.samples().size()));
        Label code = new Label(r.code().name());
        code.getStyleClass().add("error-code");
        Label http = new Label("HTTP " + r.httpStatus());
        http.getStyleClass().add("http-tag");
        Label count = new Label(r.countText());
        count.getStyleClass().add("error-count");
        count.setMinWidth(Region.USE_PREF_SIZE);
        http.setMinWidth(Region.USE_PREF_SIZE);
        code.setMinWidth(0);
        HBox meta = new HBox(8, http, count);
        meta.setAlignment(Pos.CENTER_LEFT);
        VBox codeBox = new VBox(3, code, meta);
        codeBox.setMinWidth(0);
        HBox.setHgrow(codeBox, Priority.ALWAYS);
        HBox head = new HBox(8, expand, codeBox);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("error-head");
        head.setOnMouseClicked(e -> {
            if (e.getTarget() != expand) {
                expand.setSelected(!expand.isSelected());
            }
        });

        VBox samples = new VBox(6);
        samples.getStyleClass().add("error-samples");
        Label guidance = new Label(r.guidance());
        guidance.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        guidance.setWrapText(true);
        samples.getChildren().add(guidance);
        for (ErrorLogEntry e : r.samples()) {
            Text url = new Text(e.url());
            url.getStyleClass().add("sample-url");
            TextFlow urlFlow = new TextFlow(url);
            VBox sample = new VBox(2, urlFlow);
            for (String d : e.errorDetails()) {
                Label dl = new Label(d);
                dl.setWrapText(true);
                dl.getStyleClass().addAll(Styles.TEXT_SMALL, "sample-detail");
                sample.getChildren().add(dl);
            }
            sample.getStyleClass().add("error-sample");
            samples.getChildren().add(sample);
        }
        if (r.count() > r.samples().size()) {
            Label more = new Label(i18n.get("detail.moreNotSampled", r.count() - r.samples().size()));
            more.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            samples.getChildren().add(more);
        }
        show(samples, false);
        expand.selectedProperty().addListener((o, was, on) -> {
            show(samples, on);
            chevron.setIconCode(on ? MaterialDesignC.CHEVRON_DOWN : MaterialDesignC.CHEVRON_RIGHT);
        });
        VBox box = new VBox(4, head, samples);
        box.getStyleClass().add("error-row");
        box.setId("error-" + r.code().name());
        return box;
    }

    private void showSubJobs(List<SubJob> jobs) {
        TreeItem<String> root = new TreeItem<>("");
        Formats f = Formats.of(i18n, vm.zone());
        for (SubJob j : jobs) {
            String phase = i18n.get(Keys.phase(j.phase()));
            TreeItem<String> item = new TreeItem<>(j.type() + " — " + phase
                    + (j.nativeStatus().isBlank() ? "" : " (" + j.nativeStatus() + ")"));
            item.getChildren().add(new TreeItem<>(i18n.get("detail.id") + ": " + j.id()));
            if (j.started() != null) {
                item.getChildren().add(new TreeItem<>(i18n.get("column.started") + ": " + f.dateTimeLong(j.started())));
            }
            if (j.ended() != null) {
                item.getChildren().add(new TreeItem<>(i18n.get("column.ended") + ": " + f.dateTimeLong(j.ended())));
            }
            j.attributes().forEach((k, v) -> item.getChildren().add(new TreeItem<>(k + ": " + v)));
            if (!j.errorCode().isBlank() || !j.failReason().isBlank()) {
                item.getChildren().add(new TreeItem<>(i18n.get("detail.failReason", j.errorCode(), j.failReason())));
            }
            item.setExpanded(!j.phase().isFinal()); // what is still running or waiting is what the operator looks at
            root.getChildren().add(item);
        }
        subJobsTree.setRoot(root);
        show(subJobsSection, !jobs.isEmpty());
    }

    private void showAttributes(List<Attribute> attrs) {
        attributesGrid.getChildren().clear();
        int r = 0;
        for (Attribute a : attrs) {
            attributesGrid.addRow(r++, key(a.key()), value(a.value()));
        }
        show(attributesSection, !attrs.isEmpty());
    }

    private void showLinks(List<Link> links) {
        linksBox.getChildren().clear();
        for (Link l : links) {
            Hyperlink h = new Hyperlink(l.url());
            h.setWrapText(true);
            h.setOnAction(e -> openLink.accept(l.url()));
            Label k = key(l.label());
            linksBox.getChildren().add(new VBox(0, k, h));
        }
        show(linksSection, !links.isEmpty());
    }
}
