package io.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Counter;
import io.ferry.domain.Direction;
import io.ferry.domain.ErrorBreakdown;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferCounters;
import io.ferry.domain.TransferPhase;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
    @TempDir
    Path dir;

    static Transfer richTransfer(String id) {
        return SqliteStoreTestData.rich(id);
    }

    @Test
    void aRichTransferRoundTripsExactly() {
        Transfer t = richTransfer("t-rich");
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.save(t);
        }
        try (SqliteStore reopened = SqliteStore.open(dir)) {
            List<Transfer> all = reopened.loadAll();
            assertThat(all).hasSize(1);
            Transfer back = all.getFirst();
            assertThat(back).isEqualTo(t);
            assertThat(back.counters().get(Counter.BYTES_FOUND_FROM_SOURCE)).isEqualTo(9_007_199_254_740_993L);
            assertThat(back.counters().has(Counter.OBJECTS_FROM_SOURCE_FAILED)).isTrue();
            assertThat(back.counters().has(Counter.OBJECTS_COPIED_TO_SINK)).isFalse();
            assertThat(back.errors().count(ErrorCode.PERMISSION_DENIED)).isEqualTo(7);
            assertThat(back.errors().get(ErrorCode.PERMISSION_DENIED).orElseThrow().errorLogEntries()).hasSize(5);
            assertThat(back.history()).extracting(h -> h.phase())
                    .containsExactly(TransferPhase.INITIALIZING, TransferPhase.TRANSFERRING, TransferPhase.PAUSED_SYSTEM);
            assertThat(back.history().getLast().at()).isEqualTo(Instant.parse("2026-11-23T08:05:00Z"));
            assertThat(back.created().getNano()).isEqualTo(123_456_789);
            assertThat(reopened.load("t-rich")).contains(t);
        }
    }

    @Test
    void restartRestoresEveryTransferInItsPhaseOldestFirst() {
        Instant now = Instant.parse("2026-11-23T11:00:00Z");
        Transfer running = Transfer.create("a", "local", Direction.COPY, "big.img", "/a", "/b", Map.of(), now)
                .withPhase(TransferPhase.TRANSFERRING, now.plusSeconds(1), "started")
                .withBytes(64L << 20, 256L << 20);
        // half a second after "a": as RFC 3339 text "…00.5Z" sorts before "…00Z", so the order must come from the time
        Transfer paused = Transfer.create("b", "local", Direction.COPY, "other", "/c", "/d", Map.of(), now.plusMillis(500))
                .withPhase(TransferPhase.TRANSFERRING, now.plusSeconds(6), "started")
                .withPhase(TransferPhase.PAUSED_USER, now.plusSeconds(7), "paused by operator");
        Transfer done = Transfer.create("c", "local", Direction.COPY, "small", "/e", "/f", Map.of(), now.minusSeconds(60))
                .withPhase(TransferPhase.TRANSFERRING, now.minusSeconds(59), "started")
                .withPhase(TransferPhase.FINALIZING_SUCCESS, now.minusSeconds(58), "verify")
                .withPhase(TransferPhase.FINISHED_SUCCESS, now.minusSeconds(57), "verified");
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.save(running.withBytes(1, 256L << 20)); // an earlier checkpoint, then the later one
            store.save(running);
            store.save(paused);
            store.save(done);
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertThat(store.loadAll()).extracting(Transfer::id, Transfer::phase, Transfer::bytesDone).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("c", TransferPhase.FINISHED_SUCCESS, 0L),
                    org.assertj.core.groups.Tuple.tuple("a", TransferPhase.TRANSFERRING, 64L << 20),
                    org.assertj.core.groups.Tuple.tuple("b", TransferPhase.PAUSED_USER, 0L));
            assertThat(store.load("c").orElseThrow().ended()).isEqualTo(now.minusSeconds(57));
            store.delete("c");
            assertThat(store.loadAll()).extracting(Transfer::id).containsExactly("a", "b");
        }
    }

    @Test
    void historyAndSubJobsFollowTheLatestSaveEvenFromAnotherInstance() {
        Transfer t = richTransfer("t1");
        try (SqliteStore a = SqliteStore.open(dir); SqliteStore b = SqliteStore.open(dir)) {
            a.save(t);
            Transfer resumed = t.withPhase(TransferPhase.RESUMING, Instant.parse("2026-11-23T10:06:00Z"), "resume")
                    .withSubJobs(t.subJobs().subList(0, 1));
            b.save(resumed);
            assertThat(a.load("t1")).contains(resumed);
            Transfer shorter = t.withSubJobs(List.of()); // a history rewrite (not a suffix of what a saved)
            a.save(shorter);
            assertThat(b.load("t1")).contains(shorter);
        }
    }

    @Test
    void theDatabaseIsInWalModeWithFullSyncAndABusyTimeout() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.save(richTransfer("x"));
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
                var st = c.createStatement();
                var rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal"); // WAL is persistent in the file
        }
        assertThat(SqliteStore.BUSY_TIMEOUT_MS).isGreaterThanOrEqualTo(5_000);
    }

    @Test
    void settingsHaveTypedAccessorsDefaultsAndSurviveRestart() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            Settings s = store.settings();
            assertThat(s.maxConcurrent()).isEqualTo(4);
            assertThat(s.bandwidthLimit()).isZero();
            assertThat(s.verifyByDefault()).isTrue();
            assertThat(s.theme()).isEqualTo(Settings.Theme.SYSTEM);
            assertThat(s.language()).isEqualTo("system");
            assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(5));
            s.setMaxConcurrent(8);
            s.setBandwidthLimit(50L << 20);
            s.setVerifyByDefault(false);
            s.setTheme(Settings.Theme.DARK);
            s.setLanguage("ja-JP");
            s.setPollInterval(Duration.ofSeconds(2));
            assertThatThrownBy(() -> s.setMaxConcurrent(0)).hasMessageContaining("maxConcurrent");
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            Settings s = store.settings();
            assertThat(s.maxConcurrent()).isEqualTo(8);
            assertThat(s.bandwidthLimit()).isEqualTo(50L << 20);
            assertThat(s.verifyByDefault()).isFalse();
            assertThat(s.theme()).isEqualTo(Settings.Theme.DARK);
            assertThat(s.language()).isEqualTo("ja-JP");
            assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(2));
            s.put(Settings.MAX_CONCURRENT, "lots"); // hand-edited garbage reads as the default, and is kept
            assertThat(s.maxConcurrent()).isEqualTo(4);
            assertThat(s.get(Settings.MAX_CONCURRENT)).contains("lots");
        }
    }

    @Test
    void profilesKeepNonSecretFieldsAndOnlyASecretReference() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            ConnectionProfile p = new ConnectionProfile("p1", ProfileType.OVIRT, "lab engine",
                    Map.of("url", "https://engine.lab/ovirt-engine/api", "user", "admin@internal"),
                    ConnectionProfile.secretRefFor("p1"));
            store.saveProfile(p);
            store.saveProfile(new ConnectionProfile("p2", ProfileType.GCS, "a project", Map.of("projectId", "x"), null));
            assertThat(store.profile("p1")).contains(p);
            assertThat(store.profiles()).extracting(ConnectionProfile::id).containsExactly("p2", "p1");
            store.deleteProfile("p2");
            assertThat(store.profiles()).containsExactly(p);
        }
        assertThatThrownBy(() -> new ConnectionProfile("p3", ProfileType.ELEMENT, "x", Map.of("adminPassword", "hunter2"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adminPassword")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aDatabaseFromANewerFerryIsRefusedWithAClearMessage() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.save(richTransfer("x"));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
                var st = c.createStatement()) {
            st.execute("INSERT INTO schema_version(version, applied_at) VALUES (99, '2030-01-01T00:00:00Z')");
        }
        assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer Ferry")
                .hasMessageContaining("v99");
    }
}
