package io.ferry.store;

import io.ferry.domain.Direction;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.PhaseChange;
import io.ferry.domain.Rfc3339;
import io.ferry.domain.SubJob;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferJournal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Ferry's store: one SQLite file ({@value #FILE_NAME}) in the data directory, in WAL mode with
 * {@code synchronous=FULL}, so every {@link #save} is on disk before it returns (docs/store.md says why).
 * Several processes may open the same file: SQLite serialises writers, and the busy timeout makes a writer wait
 * for another instead of failing. Thread-safe; one connection per instance.
 */
public final class SqliteStore implements TransferJournal, AutoCloseable {
    public static final String FILE_NAME = "ferry.db";
    static final int BUSY_TIMEOUT_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    private final Path file;
    private final Connection conn;
    /** Reads run on their own connection in DEFERRED transactions: a consistent snapshot without the write lock. */
    private final Connection readConn;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** What this instance last wrote, so a checkpoint rewrites only what changed. */
    private final Map<String, List<PhaseChange>> savedHistory = new HashMap<>();

    private final Map<String, List<SubJob>> savedSubJobs = new HashMap<>();

    private SqliteStore(Path file, Connection conn, Connection readConn, Clock clock) {
        this.file = file;
        this.conn = conn;
        this.readConn = readConn;
        this.clock = clock;
    }

    /** Opens (creating and migrating as needed) the store in {@code dataDir}. */
    public static SqliteStore open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    public static SqliteStore open(Path dataDir, Clock clock) {
        DataDirectory.ensure(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        cfg.enforceForeignKeys(true);
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // what a row held before it was rewritten or deleted (a credential an earlier Ferry stored, removed history)
        // is zeroed in the file, not left in free space
        cfg.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file, cfg.toProperties());
            migrate(file, c);
            cfg.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
            Connection r = DriverManager.getConnection("jdbc:sqlite:" + file, cfg.toProperties());
            return new SqliteStore(file, c, r, clock);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("Cannot open the Ferry database " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The schema version this database is at. */
    public int schemaVersion() {
        return inLock(() -> currentVersion(conn));
    }

    // ---------------------------------------------------------------- schema

    private static void migrate(Path file, Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        }
        int from = currentVersion(conn);
        if (from > Migrations.latest()) {
            throw new StoreException("The Ferry database " + file + " was written by a newer Ferry (schema v" + from
                    + "; this one knows up to v" + Migrations.latest() + "). Update Ferry, or use --data-dir to use another directory.");
        }
        if (from == Migrations.latest()) {
            return;
        }
        conn.setAutoCommit(false);
        try {
            int at = currentVersion(conn); // another process may have migrated meanwhile
            for (int v = at + 1; v <= Migrations.latest(); v++) {
                applyStep(conn, v);
            }
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
        if (from < 3) { // v3 zeroed ticket bytes in the pages it wrote; until a checkpoint the main file keeps the old ones
            try (Statement st = conn.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        LOG.info("Migrated {} from schema v{} to v{}", file, from, Migrations.latest());
    }

    /** Runs step {@code version} (1-based) and records it; the caller holds a transaction. */
    static void applyStep(Connection c, int version) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : Migrations.STEPS.get(version - 1).split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)")) {
            ps.setInt(1, version);
            ps.setString(2, Rfc3339.format(Instant.now()));
            ps.executeUpdate();
        }
    }

    static int currentVersion(Connection c) {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the schema version: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- transfers (TransferJournal)

    /** Inserts or replaces the transfer, its history and sub-jobs in one transaction, durable on return. */
    @Override
    public void save(Transfer t) {
        inLock(() -> transaction(() -> {
            upsertTransfer(t);
            saveHistory(t);
            saveSubJobs(t);
            return null;
        }));
    }

    private void upsertTransfer(Transfer t) throws SQLException {
        String sql = """
                INSERT INTO transfers(id, provider, direction, name, source, target, phase, native_status, bytes_done,
                    bytes_total, objects_done, objects_total, percent, counters, errors, message, attributes, options,
                    created, started, ended)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET provider = excluded.provider, direction = excluded.direction,
                    name = excluded.name, source = excluded.source, target = excluded.target, phase = excluded.phase,
                    native_status = excluded.native_status, bytes_done = excluded.bytes_done,
                    bytes_total = excluded.bytes_total, objects_done = excluded.objects_done,
                    objects_total = excluded.objects_total, percent = excluded.percent, counters = excluded.counters,
                    errors = excluded.errors, message = excluded.message, attributes = excluded.attributes,
                    options = excluded.options, created = excluded.created, started = excluded.started,
                    ended = excluded.ended
                """;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, t.id());
            ps.setString(i++, t.provider());
            ps.setString(i++, t.direction().wireName());
            ps.setString(i++, t.name());
            ps.setString(i++, t.source());
            ps.setString(i++, t.target());
            ps.setString(i++, t.phase().apiName());
            ps.setString(i++, t.nativeStatus());
            ps.setLong(i++, t.bytesDone());
            ps.setLong(i++, t.bytesTotal());
            ps.setLong(i++, t.objectsDone());
            ps.setLong(i++, t.objectsTotal());
            ps.setDouble(i++, t.percent());
            ps.setString(i++, Json.write(t.counters().toWire()));
            ps.setString(i++, Json.write(t.errors().toWire()));
            ps.setString(i++, t.message());
            ps.setString(i++, Json.write(t.attributes()));
            ps.setString(i++, Json.write(t.options()));
            ps.setString(i++, Rfc3339.format(t.created()));
            setTime(ps, i++, t.started());
            setTime(ps, i, t.ended());
            ps.executeUpdate();
        }
    }

    private void saveHistory(Transfer t) throws SQLException {
        List<PhaseChange> h = t.history();
        List<PhaseChange> before = savedHistory.get(t.id());
        // Rows this instance wrote and that are unchanged are skipped; the tail is always cut to the new length, so
        // a history another instance made longer is not left behind.
        int from = before != null && before.size() <= h.size() && h.subList(0, before.size()).equals(before) ? before.size() : 0;
        try (PreparedStatement ins = conn.prepareStatement("""
                        INSERT INTO phase_history(transfer_id, seq, phase, at, reason) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(transfer_id, seq) DO UPDATE SET phase = excluded.phase, at = excluded.at,
                            reason = excluded.reason
                        """);
                PreparedStatement del = conn.prepareStatement("DELETE FROM phase_history WHERE transfer_id = ? AND seq >= ?")) {
            for (int seq = from; seq < h.size(); seq++) {
                PhaseChange pc = h.get(seq);
                ins.setString(1, t.id());
                ins.setInt(2, seq);
                ins.setString(3, pc.phase().apiName());
                ins.setString(4, Rfc3339.format(pc.at()));
                ins.setString(5, pc.reason());
                ins.addBatch();
            }
            ins.executeBatch();
            del.setString(1, t.id());
            del.setInt(2, h.size());
            del.executeUpdate();
        }
        savedHistory.put(t.id(), h);
    }

    private void saveSubJobs(Transfer t) throws SQLException {
        List<SubJob> jobs = t.subJobs();
        if (jobs.equals(savedSubJobs.get(t.id()))) {
            return;
        }
        try (PreparedStatement del = conn.prepareStatement("DELETE FROM sub_jobs WHERE transfer_id = ?");
                PreparedStatement ins = conn.prepareStatement("""
                        INSERT INTO sub_jobs(transfer_id, seq, id, type, phase, native_status, started, ended,
                            error_code, fail_reason, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)) {
            del.setString(1, t.id());
            del.executeUpdate();
            for (int seq = 0; seq < jobs.size(); seq++) {
                SubJob j = jobs.get(seq);
                ins.setString(1, t.id());
                ins.setInt(2, seq);
                ins.setString(3, j.id());
                ins.setString(4, j.type());
                ins.setString(5, j.phase().apiName());
                ins.setString(6, j.nativeStatus());
                setTime(ins, 7, j.started());
                setTime(ins, 8, j.ended());
                ins.setString(9, j.errorCode());
                ins.setString(10, j.failReason());
                ins.setString(11, Json.write(j.attributes()));
                ins.addBatch();
            }
            ins.executeBatch();
        }
        savedSubJobs.put(t.id(), jobs);
    }

    @Override
    public void delete(String id) {
        inLock(() -> transaction(() -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM transfers WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            savedHistory.remove(id);
            savedSubJobs.remove(id);
            return null;
        }));
    }

    @Override
    public List<Transfer> loadAll() {
        return inLock(() -> readTransaction(() -> {
            Map<String, List<PhaseChange>> history = loadHistory(null);
            Map<String, List<SubJob>> subJobs = loadSubJobs(null);
            List<Transfer> out = new ArrayList<>();
            try (PreparedStatement ps = readConn.prepareStatement("SELECT * FROM transfers ORDER BY rowid");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    out.add(readTransfer(rs, history.getOrDefault(id, List.of()), subJobs.getOrDefault(id, List.of())));
                }
            }
            // by time, not by the text: RFC 3339 with 0-9 fractional digits does not sort as text
            out.sort(java.util.Comparator.comparing(Transfer::created));
            return out;
        }));
    }

    /** One transfer by its exact id. */
    public Optional<Transfer> load(String id) {
        return inLock(() -> readTransaction(() -> {
            try (PreparedStatement ps = readConn.prepareStatement("SELECT * FROM transfers WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(readTransfer(rs, loadHistory(id).getOrDefault(id, List.of()),
                            loadSubJobs(id).getOrDefault(id, List.of())));
                }
            }
        }));
    }

    private Transfer readTransfer(ResultSet rs, List<PhaseChange> history, List<SubJob> subJobs) throws SQLException {
        String id = rs.getString("id");
        return new Transfer(
                id,
                rs.getString("provider"),
                direction(id, rs.getString("direction")),
                rs.getString("name"),
                rs.getString("source"),
                rs.getString("target"),
                phase(id, rs.getString("phase")),
                rs.getString("native_status"),
                rs.getLong("bytes_done"),
                rs.getLong("bytes_total"),
                rs.getLong("objects_done"),
                rs.getLong("objects_total"),
                rs.getDouble("percent"),
                Json.counters(rs.getString("counters")),
                Json.errors(rs.getString("errors")),
                subJobs,
                rs.getString("message"),
                Json.stringMap(rs.getString("attributes")),
                Json.stringMap(rs.getString("options")),
                Rfc3339.parse(rs.getString("created")),
                time(rs.getString("started")),
                time(rs.getString("ended")),
                history);
    }

    private Map<String, List<PhaseChange>> loadHistory(String onlyId) throws SQLException {
        Map<String, List<PhaseChange>> out = new HashMap<>();
        String sql = "SELECT transfer_id, phase, at, reason FROM phase_history"
                + (onlyId == null ? "" : " WHERE transfer_id = ?") + " ORDER BY transfer_id, seq";
        try (PreparedStatement ps = readConn.prepareStatement(sql)) {
            if (onlyId != null) {
                ps.setString(1, onlyId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new PhaseChange(phase(id, rs.getString(2)), Rfc3339.parse(rs.getString(3)), rs.getString(4)));
                }
            }
        }
        out.forEach(savedHistory::put);
        return out;
    }

    private Map<String, List<SubJob>> loadSubJobs(String onlyId) throws SQLException {
        Map<String, List<SubJob>> out = new HashMap<>();
        String sql = "SELECT * FROM sub_jobs" + (onlyId == null ? "" : " WHERE transfer_id = ?") + " ORDER BY transfer_id, seq";
        try (PreparedStatement ps = readConn.prepareStatement(sql)) {
            if (onlyId != null) {
                ps.setString(1, onlyId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String tid = rs.getString("transfer_id");
                    out.computeIfAbsent(tid, k -> new ArrayList<>()).add(new SubJob(
                            rs.getString("id"),
                            rs.getString("type"),
                            phase(tid, rs.getString("phase")),
                            rs.getString("native_status"),
                            time(rs.getString("started")),
                            time(rs.getString("ended")),
                            rs.getString("error_code"),
                            rs.getString("fail_reason"),
                            Json.stringMap(rs.getString("attributes"))));
                }
            }
        }
        out.forEach(savedSubJobs::put);
        return out;
    }

    // ---------------------------------------------------------------- pending actions

    /** Asks whichever process runs {@code transferId} to apply {@code action} (it takes it within a poll). */
    public void addPendingAction(String transferId, PhaseAction action) {
        inLock(() -> transaction(() -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO pending_actions(transfer_id, action, requested_at, requested_by) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, transferId);
                ps.setString(2, action.wireName());
                ps.setString(3, Rfc3339.format(clock.instant()));
                ps.setString(4, Long.toString(ProcessHandle.current().pid()));
                ps.executeUpdate();
            }
            return null;
        }));
    }

    /**
     * Returns and deletes every pending action, oldest first, in one write transaction, so that of two processes
     * taking at once each action goes to exactly one. Rows with an action this Ferry does not know are dropped
     * with a warning.
     */
    @Override
    public List<PendingAction> takePendingActions() {
        // The engine asks four times a second: a plain read first, so an empty table costs no write lock.
        boolean any = inLock(() -> {
            try (Statement st = conn.createStatement();
                    ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM pending_actions)")) {
                return rs.next() && rs.getInt(1) == 1;
            }
        });
        if (!any) {
            return List.of();
        }
        return inLock(() -> transaction(() -> {
            List<PendingAction> out = new ArrayList<>();
            long maxId = -1;
            try (Statement st = conn.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, transfer_id, action FROM pending_actions ORDER BY id")) {
                while (rs.next()) {
                    maxId = rs.getLong(1);
                    String raw = rs.getString(3);
                    Optional<PhaseAction> action = parseAction(raw);
                    if (action.isPresent()) {
                        out.add(new PendingAction(rs.getString(2), action.get()));
                    } else {
                        LOG.warn("Dropping pending action \"{}\" for transfer {}: not an action this Ferry knows", raw, rs.getString(2));
                    }
                }
            }
            if (maxId >= 0) {
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM pending_actions WHERE id <= ?")) {
                    ps.setLong(1, maxId);
                    ps.executeUpdate();
                }
            }
            return out;
        }));
    }

    private static Optional<PhaseAction> parseAction(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PhaseAction.valueOf(raw.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- settings

    public Settings settings() {
        return new Settings(this);
    }

    Optional<String> setting(String key) {
        return inLock(() -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    void putSetting(String key, String value) {
        inLock(() -> transaction(() -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    void removeSetting(String key) {
        inLock(() -> transaction(() -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM settings WHERE key = ?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    Map<String, String> allSettings() {
        return inLock(() -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT key, value FROM settings ORDER BY key")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- connection profiles

    /** Inserts or replaces a profile. Its secret, if any, lives in the {@link SecretStore} under its secretRef. */
    public void saveProfile(ConnectionProfile p) {
        inLock(() -> transaction(() -> {
            String now = Rfc3339.format(clock.instant());
            try (PreparedStatement ps = conn.prepareStatement("""
                    INSERT INTO connection_profiles(id, type, name, fields, secret_ref, created, updated)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET type = excluded.type, name = excluded.name, fields = excluded.fields,
                        secret_ref = excluded.secret_ref, updated = excluded.updated
                    """)) {
                ps.setString(1, p.id());
                ps.setString(2, p.type().wireName());
                ps.setString(3, p.name());
                ps.setString(4, Json.write(p.fields()));
                if (p.secretRef() == null) {
                    ps.setNull(5, Types.VARCHAR);
                } else {
                    ps.setString(5, p.secretRef());
                }
                ps.setString(6, now);
                ps.setString(7, now);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    /** Every profile whose type this Ferry knows, by name. */
    public List<ConnectionProfile> profiles() {
        return inLock(() -> {
            List<ConnectionProfile> out = new ArrayList<>();
            try (Statement st = conn.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, type, name, fields, secret_ref FROM connection_profiles ORDER BY name, id")) {
                while (rs.next()) {
                    readProfile(rs).ifPresent(out::add);
                }
            }
            return out;
        });
    }

    public Optional<ConnectionProfile> profile(String id) {
        return inLock(() -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT id, type, name, fields, secret_ref FROM connection_profiles WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? readProfile(rs) : Optional.<ConnectionProfile>empty();
                }
            }
        });
    }

    public void deleteProfile(String id) {
        inLock(() -> transaction(() -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM connection_profiles WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    private static Optional<ConnectionProfile> readProfile(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        Optional<ProfileType> type = ProfileType.parse(rs.getString(2));
        if (type.isEmpty()) {
            LOG.warn("Skipping connection profile {}: unknown type \"{}\"", id, rs.getString(2));
            return Optional.empty();
        }
        return Optional.of(new ConnectionProfile(id, type.get(), rs.getString(3), Json.stringMap(rs.getString(4)), rs.getString(5)));
    }

    // ---------------------------------------------------------------- plumbing

    private static Direction direction(String id, String raw) {
        return Direction.parse(raw).orElseGet(() -> {
            LOG.warn("Transfer {} has an unknown direction \"{}\"; showing it as copy", id, raw);
            return Direction.COPY;
        });
    }

    private static TransferPhase phase(String id, String raw) {
        return TransferPhase.fromApiName(raw).orElseGet(() -> {
            LOG.warn("Transfer {} has an unknown phase \"{}\"; showing it as unknown", id, raw);
            return TransferPhase.UNKNOWN;
        });
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, Rfc3339.format(t));
        }
    }

    private static Instant time(String raw) {
        return raw == null ? null : Rfc3339.parse(raw);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T inLock(SqlWork<T> work) {
        lock.lock();
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException("Ferry database " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs reads in one DEFERRED transaction on the read connection: one snapshot, no write lock. */
    private <T> T readTransaction(SqlWork<T> work) throws SQLException {
        readConn.setAutoCommit(false);
        try {
            return work.run();
        } finally {
            readConn.commit();
            readConn.setAutoCommit(true);
        }
    }

    /** Runs {@code work} in one IMMEDIATE transaction (the write lock is taken at BEGIN). */
    private <T> T transaction(SqlWork<T> work) throws SQLException {
        conn.setAutoCommit(false);
        boolean ok = false;
        try {
            T result = work.run();
            conn.commit();
            ok = true;
            return result;
        } finally {
            if (!ok) {
                try {
                    conn.rollback();
                } catch (SQLException e) {
                    LOG.warn("Rollback failed on {}: {}", file, e.getMessage());
                }
                // forget the caches: they may describe rows that were rolled back
                savedHistory.clear();
                savedSubJobs.clear();
            }
            conn.setAutoCommit(true);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            readConn.close();
            conn.close();
        } catch (SQLException e) {
            LOG.warn("Closing {} failed: {}", file, e.getMessage());
        } finally {
            lock.unlock();
        }
    }
}
