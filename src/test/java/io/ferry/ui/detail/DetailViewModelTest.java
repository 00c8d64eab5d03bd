package io.ferry.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.ErrorBreakdown;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.TransferPhase;
import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.detail.DetailModels.ErrorRow;
import io.ferry.ui.i18n.I18n;
import io.ferry.ui.transfers.TransferRow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The detail pane's view model, without a stage. */
class DetailViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
    private DemoTransfers demo;
    private I18n i18n;
    private DetailViewModel vm;

    @BeforeEach
    void setUp() {
        demo = DemoTransfers.seeded(NOW);
        i18n = new I18n(Locale.ENGLISH);
        vm = new DetailViewModel(i18n, ZoneId.of("UTC"));
    }

    private TransferRow row(String id) {
        return new TransferRow(demo.get(id).orElseThrow(), 0);
    }

    @Test
    void theBreakdownHasOneRowPerCodeWithHttpMappingCountAndAtMostFiveSamples() {
        vm.rowProperty().set(row("f00dbabe"));
        List<ErrorRow> errors = vm.errorsProperty().get();
        assertThat(errors).extracting(ErrorRow::code).containsExactly(
                ErrorCode.DEADLINE_EXCEEDED, ErrorCode.NOT_FOUND, ErrorCode.PERMISSION_DENIED, ErrorCode.UNAVAILABLE);
        ErrorRow notFound = errors.get(1);
        assertThat(notFound.httpStatus()).isEqualTo(404);
        assertThat(notFound.count()).isEqualTo(12);
        assertThat(notFound.countText()).isEqualTo("12 errors");
        assertThat(notFound.samples()).hasSize(5);
        assertThat(notFound.guidance()).isEqualTo(i18n.get("guidance.none"));
        assertThat(errors.get(3).guidance()).contains("retry the failed call");
        assertThat(errors).allSatisfy(e -> assertThat(e.samples()).hasSizeLessThanOrEqualTo(5));
        assertThat(errors.get(0).countText()).isEqualTo("1 error");
    }

    @Test
    void copyAsJsonIsSeed002Shape() throws Exception {
        vm.rowProperty().set(row("f00dbabe"));
        JsonNode json = new ObjectMapper().readTree(vm.errorBreakdownJson());
        JsonNode b = json.get("errorBreakdowns");
        assertThat(b.isArray()).isTrue();
        assertThat(b).hasSize(4);
        JsonNode nf = b.get(1);
        assertThat(nf.get("errorCode").asText()).isEqualTo("NOT_FOUND");
        assertThat(nf.get("errorCount").isTextual()).as("int64 as a JSON string").isTrue();
        assertThat(nf.get("errorCount").asText()).isEqualTo("12");
        assertThat(nf.get("errorLogEntries")).hasSize(5);
        assertThat(nf.get("errorLogEntries").get(0).get("url").asText()).startsWith("gs://ferry-archive-eu/");
        assertThat(nf.get("errorLogEntries").get(0).get("errorDetails").get(0).asText()).contains("deleted from source");
        // and it reads back into the same breakdown
        List<?> wire = new ObjectMapper().convertValue(b, List.class);
        assertThat(ErrorBreakdown.fromWire(wire)).isEqualTo(demo.get("f00dbabe").orElseThrow().errors());
    }

    @Test
    void countersAreGroupedFormattedAndOnlyThoseThatApply() {
        vm.rowProperty().set(row("f00dbabe"));
        var groups = vm.countersProperty().get();
        assertThat(groups).extracting(DetailModels.CounterGroup::title)
                .containsExactly("Found", "Copied", "Deleted", "Failed", "Directories");
        assertThat(groups.get(1).lines()).singleElement().satisfies(l -> {
            assertThat(l.label()).isEqualTo("To sink");
            assertThat(l.value()).isEqualTo("20,311 objects · 41.0 GiB");
        });
        assertThat(groups.get(4).lines()).extracting(DetailModels.CounterLine::value)
                .containsExactly("412 directories", "410 directories", "2 directories");
        i18n.setLocale(Locale.FRENCH);
        assertThat(vm.countersProperty().get().get(1).lines().getFirst().value())
                .isEqualTo("20\u202f311 objets · 41,0 Gio");
    }

    @Test
    void subJobsMessageAttributesAndLinks() {
        vm.rowProperty().set(row("9a175ac8"));
        assertThat(vm.subJobsProperty().get()).extracting(j -> j.nativeStatus()).containsExactly("SUCCESS", "RUNNING", "INIT");
        vm.rowProperty().set(row("d3a1f7b9"));
        assertThat(vm.transferProperty().get().message()).startsWith("Reading volume blocks");
        assertThat(vm.attributesProperty().get()).extracting(DetailModels.Attribute::key).containsExactly("key", "format", "snapshotID");
        assertThat(vm.linksProperty().get()).extracting(DetailModels.Link::url).containsExactly("https://10.10.23.47:8443/");
    }

    @Test
    void theTimelineListsEveryPhaseWithTimeAndReason() {
        vm.rowProperty().set(row("e4f5a6b7"));
        assertThat(vm.timelineProperty().get()).extracting(DetailModels.TimelineItem::phase)
                .containsExactly(TransferPhase.INITIALIZING, TransferPhase.TRANSFERRING, TransferPhase.PAUSED_SYSTEM);
        assertThat(vm.timelineProperty().get().getLast().reason()).contains("imageio daemon not reachable");
        assertThat(vm.timelineProperty().get().getLast().time()).contains("2026").contains("9:52");
    }

    @Test
    void progressAloneDoesNotRepublishTheBreakdown() {
        TransferRow r = row("f00dbabe");
        vm.rowProperty().set(r);
        List<ErrorRow> before = vm.errorsProperty().get();
        int[] changes = {0};
        vm.errorsProperty().addListener((o, a, b) -> changes[0]++);
        var t = r.transfer();
        r.update(t.withBytes(t.bytesDone() + 1, t.bytesTotal()), 1);
        assertThat(vm.errorsProperty().get()).isSameAs(before);
        r.update(t.withErrors(t.errors().record(ErrorCode.NOT_FOUND, ErrorLogEntry.of("gs://x/y"))), 2);
        assertThat(changes[0]).isEqualTo(1);
        assertThat(vm.errorsProperty().get().get(1).count()).isEqualTo(13);
        assertThat(vm.errorsProperty().get().get(1).samples()).hasSize(5);
    }
}
