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

    @Test
    void aVersion2DatabaseLosesTheImageioTicketsItKeptInPlainText() throws Exception {
        String ticket = "3f9c0c53-canary-ticket-5e1d8a7b";
        String url = "https://host.example:54322/images/" + ticket;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME))) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            }
            SqliteStore.applyStep(c, 1);
            SqliteStore.applyStep(c, 2);
            try (Statement st = c.createStatement()) {
                // a plain `ferry imageio upload` as Ferry wrote it before v3: the URL in the target and the options
                st.execute("INSERT INTO transfers VALUES ('up', 'ovirt', 'upload', 'disk.raw', '/data/disk.raw', '"
                        + url + "', 'paused_user', '', 0, 1048576, 0, 1, -1.0, '{}', '[]', '', '{}', "
                        + "'{\"imageio_url\":\"" + url + "\",\"verify\":\"true\"}', '2026-01-02T03:04:05Z', NULL, NULL)");
                // a download: the URL is its source
                st.execute("INSERT INTO transfers VALUES ('down', 'ovirt', 'download', 'disk.raw', '" + url
                        + "/', '/data/out.raw', 'finished_success', '', 0, 0, 0, 0, -1.0, '{}', '[]', '', '{}', "
                        + "'{\"imageio_url\":\"" + url + "\"}', '2026-01-02T03:04:05Z', NULL, NULL)");
                // a local copy whose path happens to hold /images/ is left alone
                st.execute("INSERT INTO transfers VALUES ('local', 'local', 'copy', 'a', '/srv/images/a.raw', "
                        + "'/backup/images/a.raw', 'finished_success', '', 0, 0, 0, 0, -1.0, '{}', '[]', '', '{}', "
                        + "'{}', '2026-01-02T03:04:05Z', NULL, NULL)");
            }
            c.commit();
        }

        try (SqliteStore store = SqliteStore.open(dir)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
            Transfer up = store.load("up").orElseThrow();
            assertThat(up.target()).isEqualTo("https://host.example:54322/images/***");
            assertThat(up.options()).containsEntry("imageio_url", "https://host.example:54322/images/***")
                    .containsEntry("verify", "true");
            assertThat(up.phase()).isEqualTo(TransferPhase.PAUSED_USER); // the row stays, ready to be started again
            Transfer down = store.load("down").orElseThrow();
            assertThat(down.source()).isEqualTo("https://host.example:54322/images/***");
            assertThat(down.options()).containsEntry("imageio_url", "https://host.example:54322/images/***");
            Transfer local = store.load("local").orElseThrow();
            assertThat(local.source()).isEqualTo("/srv/images/a.raw");
            assertThat(local.target()).isEqualTo("/backup/images/a.raw");
        }
        // not only unreadable through the store: the bytes are gone from every file of the data directory
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.toList()) {
                String raw = new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(raw).as(f.getFileName().toString()).doesNotContain(ticket);
            }
        }
    }
}
