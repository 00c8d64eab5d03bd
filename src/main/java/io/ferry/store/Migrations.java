package io.ferry.store;

import java.util.List;

/**
 * The schema, as ordered steps. Step N takes a database from version N-1 to N; a new database runs them all.
 * Never edit a step that has shipped: add the next one. {@code schema_version} holds one row per applied step.
 */
final class Migrations {
    private Migrations() {}

    /** Version 1: transfers with their phase history, pending operator actions, settings. */
    static final String V1 = """
            CREATE TABLE transfers (
                id            TEXT PRIMARY KEY,
                provider      TEXT NOT NULL,
                direction     TEXT NOT NULL,
                name          TEXT NOT NULL,
                source        TEXT NOT NULL,
                target        TEXT NOT NULL,
                phase         TEXT NOT NULL,
                native_status TEXT NOT NULL,
                bytes_done    INTEGER NOT NULL,
                bytes_total   INTEGER NOT NULL,
                objects_done  INTEGER NOT NULL,
                objects_total INTEGER NOT NULL,
                percent       REAL NOT NULL,
                counters      TEXT NOT NULL,
                errors        TEXT NOT NULL,
                message       TEXT NOT NULL,
                attributes    TEXT NOT NULL,
                options       TEXT NOT NULL,
                created       TEXT NOT NULL,
                started       TEXT,
                ended         TEXT
            );
            CREATE TABLE phase_history (
                transfer_id TEXT NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,
                seq         INTEGER NOT NULL,
                phase       TEXT NOT NULL,
                at          TEXT NOT NULL,
                reason      TEXT NOT NULL,
                PRIMARY KEY (transfer_id, seq)
            );
            CREATE TABLE pending_actions (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                transfer_id  TEXT NOT NULL,
                action       TEXT NOT NULL,
                requested_at TEXT NOT NULL
            );
            CREATE TABLE settings (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            """;

    /** Version 2: sub-jobs of remote jobs (seed 004), connection profiles, who asked for a pending action. */
    static final String V2 = """
            CREATE TABLE sub_jobs (
                transfer_id   TEXT NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,
                seq           INTEGER NOT NULL,
                id            TEXT NOT NULL,
                type          TEXT NOT NULL,
                phase         TEXT NOT NULL,
                native_status TEXT NOT NULL,
                started       TEXT,
                ended         TEXT,
                error_code    TEXT NOT NULL,
                fail_reason   TEXT NOT NULL,
                attributes    TEXT NOT NULL,
                PRIMARY KEY (transfer_id, seq)
            );
            CREATE TABLE connection_profiles (
                id         TEXT PRIMARY KEY,
                type       TEXT NOT NULL,
                name       TEXT NOT NULL,
                fields     TEXT NOT NULL,
                secret_ref TEXT,
                created    TEXT NOT NULL,
                updated    TEXT NOT NULL
            );
            ALTER TABLE pending_actions ADD COLUMN requested_by TEXT NOT NULL DEFAULT '';
            CREATE INDEX transfers_created ON transfers(created);
            """;

    /**
     * Version 3: an imageio ticket is a credential, and since this version a plain {@code ferry imageio} transfer
     * keeps its URL in the secret store only. Rows written before keep the whole URL in the {@code imageio_url}
     * option and in their source or target: everything after {@code /images/} becomes {@code ***}, as
     * {@code Redact.url} writes it, with the freed bytes zeroed (secure_delete; the WAL is checkpointed and
     * truncated after the migration). Such a transfer, if not yet finished, then asks to be started again with its
     * URL when it resumes; engine-mode transfers never stored a ticket and are untouched.
     */
    static final String V3 = """
            PRAGMA secure_delete = ON;
            UPDATE transfers
               SET options = json_set(options, '$.imageio_url',
                       substr(json_extract(options, '$.imageio_url'), 1,
                              instr(json_extract(options, '$.imageio_url'), '/images/') + 7) || '***')
             WHERE json_valid(options)
               AND instr(coalesce(json_extract(options, '$.imageio_url'), ''), '/images/') > 0
               AND json_extract(options, '$.imageio_url') NOT LIKE '%/images/***%';
            UPDATE transfers SET source = substr(source, 1, instr(source, '/images/') + 7) || '***'
             WHERE provider = 'ovirt' AND source LIKE 'http%' AND instr(source, '/images/') > 0
               AND source NOT LIKE '%/images/***%';
            UPDATE transfers SET target = substr(target, 1, instr(target, '/images/') + 7) || '***'
             WHERE provider = 'ovirt' AND target LIKE 'http%' AND instr(target, '/images/') > 0
               AND target NOT LIKE '%/images/***%';
            """;

    static final List<String> STEPS = List.of(V1, V2, V3);

    static int latest() {
        return STEPS.size();
    }
}
