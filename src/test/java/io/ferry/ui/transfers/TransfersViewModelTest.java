package io.ferry.ui.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.PhaseGroup;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferRequest;
import io.ferry.ui.common.Actions;
import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.i18n.I18n;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The list's view model on its own: no stage, no FX thread; engine calls and pulses run synchronously. */
class TransfersViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
    private static final long MIB = 1024 * 1024;

    private DemoTransfers engine;
    private I18n i18n;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private TransfersViewModel vm;

    @BeforeEach
    void setUp() {
        engine = DemoTransfers.seeded(NOW);
        i18n = new I18n(Locale.ENGLISH);
        vm = new TransfersViewModel(engine, i18n, Runnable::run, Runnable::run, (r, delay) -> r.run(), nanos::get);
        vm.start();
    }

    private TransferRow select(String... ids) {
        List<TransferRow> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(vm.row(id));
        }
        vm.selection().setAll(rows);
        return rows.getFirst();
    }

    @Test
    void historyIsListedAndANewTransferAppearsAsARow() {
        assertThat(vm.rows()).hasSize(engine.list().size());
        Transfer t = engine.submit(new TransferRequest("local", Direction.COPY, "new.iso", "/tmp/none/new.iso",
                "/mnt/x/new.iso", Map.of()));
        assertThat(vm.row(t.id())).isNotNull();
        assertThat(vm.filteredRows()).extracting(r -> r.transfer().name()).contains("new.iso");
        assertThat(vm.countProperty(PhaseGroup.ACTIVE).get()).isEqualTo(7);
    }

    @Test
    void progressMovesTheBarAndGivesASpeedAndTimeLeft() {
        TransferRow row = vm.row("a91d44e2");
        Transfer t = row.transfer();
        assertThat(row.progress()).isBetween(0.33, 0.34);
        nanos.addAndGet(1_000_000_000L);
        engine.publish(t.withBytes(t.bytesDone() + 200 * MIB, t.bytesTotal()), 0);
        assertThat(row.progress()).isBetween(0.41, 0.42);
        assertThat(row.speed()).isEqualTo(200.0 * MIB);
        assertThat(row.eta()).isEqualTo(Duration.ofMillis(Math.round((t.bytesTotal() - t.bytesDone() - 200.0 * MIB) / (200.0 * MIB) * 1000)));
        assertThat(vm.throughputProperty().get()).isGreaterThanOrEqualTo(200.0 * MIB);
    }

    @Test
    void anActiveTransferWithoutATotalHasAnIndeterminateBar() {
        assertThat(vm.row("c0ffee01").progress()).isEqualTo(-1);
        assertThat(vm.row("b2c4d6e8").progress()).isBetween(0.35, 0.36); // paused: determinate
    }

    @Test
    void pauseAndResumeFollowThePhase() {
        select("7f3c2a10"); // transferring
        assertThat(vm.action(Actions.PAUSE).isEnabled()).isTrue();
        assertThat(vm.action(Actions.RESUME).isEnabled()).isFalse();
        assertThat(vm.action(Actions.RESUME).tooltip()).contains("rhel-9.4-x86_64.qcow2").contains("Transferring")
                .contains("Pause");

        vm.run(Actions.PAUSE);
        assertThat(vm.row("7f3c2a10").phase()).isEqualTo(TransferPhase.PAUSED_USER);
        assertThat(vm.action(Actions.PAUSE).isEnabled()).isFalse();
        assertThat(vm.action(Actions.RESUME).isEnabled()).isTrue();

        vm.run(Actions.RESUME);
        assertThat(vm.row("7f3c2a10").phase()).isEqualTo(TransferPhase.RESUMING);
        engine.tick(Duration.ofMillis(100));
        assertThat(vm.row("7f3c2a10").phase()).isEqualTo(TransferPhase.TRANSFERRING);
        assertThat(vm.action(Actions.PAUSE).isEnabled()).isTrue();
    }

    @Test
    void anActionIsEnabledOnlyWhenEverySelectedRowAllowsIt() {
        select("7f3c2a10", "b2c4d6e8"); // transferring + paused_user
        assertThat(vm.action(Actions.PAUSE).isEnabled()).isFalse();
        assertThat(vm.action(Actions.PAUSE).tooltip()).contains("win2022-template.raw").contains("Paused");
        assertThat(vm.action(Actions.CANCEL).isEnabled()).isTrue();
        vm.selection().clear();
        assertThat(vm.action(Actions.CANCEL).isEnabled()).isFalse();
        assertThat(vm.action(Actions.CANCEL).tooltip()).isEqualTo(i18n.get("reason.noSelection"));
    }

    @Test
    void removeIsOnlyForTransfersThatAreNotRunningAndTakesTheRowAway() {
        select("7f3c2a10");
        assertThat(vm.action(Actions.REMOVE).isEnabled()).isFalse();
        assertThat(vm.action(Actions.REMOVE).tooltip()).contains("still");
        select("0b1c2d3e"); // finished_success
        assertThat(vm.action(Actions.REMOVE).isEnabled()).isTrue();
        vm.run(Actions.REMOVE);
        assertThat(vm.row("0b1c2d3e")).isNull();
        assertThat(engine.get("0b1c2d3e")).isEmpty();
        assertThat(vm.selection()).isEmpty();
    }

    @Test
    void finalizeIsOfferedForRemoteTransfersButNotForCopiesFerryRunsItself() {
        select("7f3c2a10"); // an oVirt upload, transferring: the operator finalizes it on the engine
        assertThat(vm.action(Actions.FINALIZE).isEnabled()).isTrue();
        select("a91d44e2"); // a local copy, transferring: Ferry finalizes it itself once verified
        assertThat(vm.row("a91d44e2").phase()).isEqualTo(TransferPhase.TRANSFERRING);
        assertThat(vm.action(Actions.FINALIZE).isEnabled()).isFalse();
        assertThat(vm.action(Actions.FINALIZE).tooltip()).contains("db-backup-2026-11-22.tar.zst")
                .contains("finalizes on its own");
    }

    @Test
    void revealIsForLocalTargetsOnly() {
        select("a91d44e2");
        assertThat(vm.action(Actions.REVEAL).isEnabled()).isTrue();
        assertThat(vm.revealTargets()).extracting(Object::toString).containsExactly("/mnt/archive/2026-11");
        select("7f3c2a10");
        assertThat(vm.action(Actions.REVEAL).isEnabled()).isFalse();
    }

    @Test
    void filtersByTextGroupAndProviderAndFollowPhaseChanges() {
        vm.filterTextProperty().set("QCOW2");
        assertThat(vm.filteredRows()).extracting(r -> r.transfer().name())
                .allMatch(n -> n.endsWith(".qcow2")).hasSize(4);
        vm.filterTextProperty().set("");
        vm.groupFilterProperty().set(PhaseGroup.PAUSED);
        assertThat(vm.filteredRows()).extracting(TransferRow::id).containsExactlyInAnyOrder("b2c4d6e8", "e4f5a6b7");
        select("7f3c2a10");
        vm.run(Actions.PAUSE);
        assertThat(vm.filteredRows()).extracting(TransferRow::id).contains("7f3c2a10");
        vm.groupFilterProperty().set(null);
        vm.providerFilterProperty().set("gcs");
        assertThat(vm.filteredRows()).extracting(TransferRow::id).containsExactlyInAnyOrder("5e6b7c88", "f00dbabe");
        assertThat(vm.providers()).containsExactly("element", "gcs", "ims", "local", "ovirt");
    }

    @Test
    void countsPerGroupAddUpAndTheLimitIsShown() {
        int sum = 0;
        for (PhaseGroup g : PhaseGroup.values()) {
            sum += vm.countProperty(g).get();
        }
        assertThat(sum).isEqualTo(vm.totalProperty().get()).isEqualTo(12);
        assertThat(vm.countProperty(PhaseGroup.FAILED).get()).isEqualTo(1);
        engine.setBandwidthLimit(50 * MIB);
        vm.refreshBandwidthLimit();
        assertThat(vm.bandwidthLimitProperty().get()).isEqualTo(50 * MIB);
    }

    @Test
    void aFinishedTransferIsAnnouncedOnceEvenWhenItsPhasesArriveCoalesced() {
        List<String> announced = new ArrayList<>();
        vm.setOutcomeHandler((row, phase) -> announced.add(row.id() + " " + phase.apiName()));
        select("a91d44e2");
        Transfer t = vm.row("a91d44e2").transfer();
        engine.publish(t.withBytes(t.bytesTotal(), t.bytesTotal()).withPhase(TransferPhase.FINALIZING_SUCCESS, NOW, "done"), 0);
        engine.tick(Duration.ofMillis(100));
        engine.tick(Duration.ofMillis(100));
        assertThat(announced).containsExactly("a91d44e2 finished_success");
        assertThat(vm.action(Actions.REMOVE).isEnabled()).isTrue(); // selection state followed the phase
    }

    @Test
    void anEngineThatRefusesShowsWhy() {
        DemoTransfers demo = new DemoTransfers(NOW);
        var refusing = new RefusingService(demo, "imageio ticket expired; extend failed with 409");
        demo.publish(Transfer.create("x1", "ovirt", Direction.UPLOAD, "disk.qcow2", "/a", "ovirt://b", Map.of(), NOW)
                .withPhase(TransferPhase.TRANSFERRING, NOW, "ready"), 0);
        TransfersViewModel v = new TransfersViewModel(refusing, i18n, Runnable::run, Runnable::run, (r, d) -> r.run(), nanos::get);
        v.start();
        v.selection().setAll(v.row("x1"));
        v.run(Actions.EXTEND);
        assertThat(v.lastErrorProperty().get()).contains("disk.qcow2").contains("ticket expired");
    }

    @Test
    void reasonsFollowTheLanguage() {
        select("b2c4d6e8");
        i18n.setLocale(Locale.JAPANESE);
        assertThat(vm.action(Actions.PAUSE).tooltip()).contains("一時停止中");
        i18n.setLocale(Locale.FRENCH);
        assertThat(vm.action(Actions.PAUSE).tooltip()).contains("En pause");
    }
}
