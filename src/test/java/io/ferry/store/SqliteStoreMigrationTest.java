package io.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.PhaseAction;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferJournal.PendingAction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database written at schema v1 (as the first Ferry wrote it) opens, migrates to the latest, and keeps its data. */
class SqliteStoreMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aVersion1DatabaseMigratesAndKeepsItsTransfersSettingsAndPendingActions() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME))) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            }
            SqliteStore.applyStep(c, 1);
            try (Statement st = c.createStatement()) {
                st.execute("""
                        INSERT INTO transfers VALUES ('v1-transfer', 'local', 'copy', 'disk.img', '/data/disk.img',
                            '/backup/disk.img', 'paused_user', '', 1048576, 4194304, 0, 1, -1.0,
                            '{"bytesCopiedToSink":"1048576"}',
                            '[{"errorCode":"UNAVAILABLE","errorCount":"2","errorLogEntries":[{"url":"/data/disk.img","errorDetails":["busy"]}]}]',
                            '', '{}', '{"verify":"true"}', '2025-01-02T03:04:05Z', '2025-01-02T03:04:06.5Z', NULL)
                        """);
                st.execute("INSERT INTO phase_history VALUES ('v1-transfer', 0, 'initializing', '2025-01-02T03:04:05Z', 'created')");
                st.execute("INSERT INTO phase_history VALUES ('v1-transfer', 1, 'transferring', '2025-01-02T03:04:06.5Z', 'started')");
                st.execute("INSERT INTO phase_history VALUES ('v1-transfer', 2, 'paused_user', '2025-01-02T03:05:00Z', 'paused')");
                st.execute("INSERT INTO pending_actions(transfer_id, action, requested_at) VALUES ('v1-transfer', 'resume', '2025-01-02T03:06:00Z')");
                st.execute("INSERT INTO settings VALUES ('maxConcurrent', '2')");
            }
            c.commit();
        }

        try (SqliteStore store = SqliteStore.open(dir)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latest()).isGreaterThan(1);
            Transfer t = store.load("v1-transfer").orElseThrow();
            assertThat(t.phase()).isEqualTo(TransferPhase.PAUSED_USER);
            assertThat(t.bytesDone()).isEqualTo(1_048_576);
            assertThat(t.history()).extracting(h -> h.phase()).containsExactly(
                    TransferPhase.INITIALIZING, TransferPhase.TRANSFERRING, TransferPhase.PAUSED_USER);
            assertThat(t.errors().count(io.ferry.domain.ErrorCode.UNAVAILABLE)).isEqualTo(2);
            assertThat(t.subJobs()).isEmpty();
            assertThat(store.settings().maxConcurrent()).isEqualTo(2);
            assertThat(store.takePendingActions()).containsExactly(new PendingAction("v1-transfer", PhaseAction.RESUME));

            // what v2 added works on the migrated file
            Transfer withSub = t.withSubJobs(List.of(new SubJob("s", "imsImportIsoFileImageJob", TransferPhase.TRANSFERRING,
                    "RUNNING", null, null, "", "", Map.of())));
            store.save(withSub);
            store.saveProfile(new ConnectionProfile("p", ProfileType.IMS, "otc", Map.of("region", "eu-de"), "profile/p"));
            assertThat(store.load("v1-transfer")).contains(withSub);
        }
        try (SqliteStore again = SqliteStore.open(dir)) { // opening a migrated file changes nothing
            assertThat(again.schemaVersion()).isEqualTo(Migrations.latest());
            assertThat(again.profiles()).hasSize(1);
        }
    }
}
