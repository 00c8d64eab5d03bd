package io.ferry.provider.ims;

import io.ferry.domain.TransferPhase;
import io.ferry.provider.remote.MappedStatus;
import io.ferry.provider.remote.StatusTable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IMS asynchronous job status → phase (seed 004; the same four values for jobs, sub-jobs and member results).
 * Case-insensitive — seed 004's own member results say {@code "success"}; anything else is unknown with the raw
 * text kept.
 */
public final class ImsStatusMapping {
    private static final StatusTable TABLE;

    static {
        Map<String, TransferPhase> m = new LinkedHashMap<>();
        m.put("INIT", TransferPhase.INITIALIZING);
        m.put("RUNNING", TransferPhase.TRANSFERRING);
        m.put("SUCCESS", TransferPhase.FINISHED_SUCCESS);
        m.put("FAIL", TransferPhase.FINISHED_FAILURE);
        TABLE = new StatusTable(m);
    }

    private ImsStatusMapping() {}

    public static MappedStatus map(String raw) {
        return TABLE.map(raw);
    }

    /** Rows keyed by the lower-cased status. */
    public static Map<String, TransferPhase> table() {
        return TABLE.rows();
    }
}
