package io.ferry.ui.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.Transfer;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.connections.ConnectionsPort.RecentJob;
import io.ferry.ui.connections.InMemoryConnections;
import io.ferry.ui.connections.ProfileFields;
import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.i18n.I18n;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Watch…" without a stage: connections offered, recent jobs picked, the WATCH transfer the engine receives. */
class WatchViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
    private final InMemoryConnections port = new InMemoryConnections();
    private final DemoTransfers engine = DemoTransfers.seeded(NOW);
    private final WatchViewModel vm = new WatchViewModel(port, engine, new I18n(Locale.ENGLISH), Runnable::run, Runnable::run);

    @Test
    void offersOnlyConnectionsWhoseJobsCanBeWatched() throws Exception {
        port.save(new Profile("", Kind.OVIRT, "engine", Map.of()), null);
        Profile gcs = port.save(new Profile("", Kind.GCS, "lake", Map.of(ProfileFields.PROJECT, "ferry-lake")), null);
        vm.load();
        assertThat(vm.connections()).containsExactly(gcs);
        assertThat(vm.connectionProperty().get()).isEqualTo(gcs);
    }

    @Test
    void aRecentOperationPickedIsSubmittedAsAWatchWithTheConnectionsOptions() throws Exception {
        Profile gcs = port.save(new Profile("", Kind.GCS, "lake", Map.of(ProfileFields.PROJECT, "ferry-lake")), null);
        port.recent.put(gcs.id(), List.of(
                new RecentJob("transferOperations/transferJobs-555-1700", "nightly-sync", "IN_PROGRESS", NOW),
                new RecentJob("transferOperations/transferJobs-555-1600", "", "SUCCESS", NOW.minusSeconds(86_400))));
        vm.load();
        assertThat(vm.canAddProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).isEqualTo("Enter an operation or job name, or pick a recent operation.");
        vm.loadRecent();
        assertThat(vm.recent()).hasSize(2);
        vm.pickedRecentProperty().set(vm.recent().getFirst());
        assertThat(vm.jobIdProperty().get()).isEqualTo("transferOperations/transferJobs-555-1700");
        vm.add();
        assertThat(vm.doneProperty().get()).isTrue();
        Transfer t = engine.list().stream().filter(x -> x.direction() == Direction.WATCH && x.source().endsWith("555-1700"))
                .findFirst().orElseThrow();
        assertThat(t.provider()).isEqualTo("gcs");
        assertThat(t.name()).isEqualTo("nightly-sync");
        assertThat(t.options()).containsEntry("profile", gcs.id()).containsEntry(ProfileFields.PROJECT, "ferry-lake");
    }

    @Test
    void anImsJobIsEnteredByIdAndCannotBeListed() throws Exception {
        Profile ims = port.save(new Profile("", Kind.IMS, "otc", Map.of()), "pw".toCharArray());
        vm.load();
        assertThat(WatchViewModel.canList(ims)).isFalse();
        vm.jobIdProperty().set(" ff8080814dbd65d7014dbe0d84db0013 ");
        vm.add();
        Transfer t = engine.list().stream()
                .filter(x -> x.provider().equals("ims") && x.source().equals("ff8080814dbd65d7014dbe0d84db0013"))
                .findFirst().orElseThrow();
        assertThat(t.direction()).isEqualTo(Direction.WATCH);
        assertThat(t.name()).isEqualTo("IMS job ff8080814dbd65d7014dbe0d84db0013");
        assertThat(t.options()).containsEntry("ims.jobId", "ff8080814dbd65d7014dbe0d84db0013");
        assertThat(t.options().values()).doesNotContain("pw");
    }

    @Test
    void aFailingListSaysWhyAndAnIdWithSpacesIsRefused() throws Exception {
        port.save(new Profile("", Kind.ELEMENT, "cluster", Map.of()), "pw".toCharArray());
        vm.load();
        vm.loadRecent();
        assertThat(vm.recentMessageProperty().get()).isEqualTo("Could not list recent jobs: PERMISSION_DENIED: the account may not list jobs");
        vm.jobIdProperty().set("12 34");
        assertThat(vm.problemProperty().get()).isEqualTo("“12 34” contains spaces; paste the ID alone.");
        assertThat(vm.canAddProperty().get()).isFalse();
    }

    @Test
    void withNoWatchableConnectionItSaysWhereToAddOne() {
        vm.load();
        assertThat(vm.errorProperty().get()).contains("add one under Connections");
        assertThat(vm.problemProperty().get()).isEqualTo("Choose a connection.");
    }
}
