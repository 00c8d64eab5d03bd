package io.ferry.provider.remote;

import io.ferry.domain.TransferPhase;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A vendor status vocabulary as a table: lower-cased status text → phase. Lookup is case-insensitive and
 * ignores surrounding blanks; anything not in the table (including null and blank) maps to
 * {@link TransferPhase#UNKNOWN} with the raw text kept. Never throws.
 */
public final class StatusTable {
    private final Map<String, TransferPhase> rows;

    public StatusTable(Map<String, TransferPhase> rows) {
        Map<String, TransferPhase> m = new LinkedHashMap<>();
        rows.forEach((k, v) -> m.put(k.trim().toLowerCase(Locale.ROOT), v));
        this.rows = Collections.unmodifiableMap(m);
    }

    public MappedStatus map(String raw) {
        if (raw == null) {
            return new MappedStatus("", TransferPhase.UNKNOWN, false);
        }
        TransferPhase p = rows.get(raw.trim().toLowerCase(Locale.ROOT));
        return p == null ? new MappedStatus(raw, TransferPhase.UNKNOWN, false) : new MappedStatus(raw, p, true);
    }

    /** The rows, in the order given, keys lower-cased. */
    public Map<String, TransferPhase> rows() {
        return rows;
    }
}
