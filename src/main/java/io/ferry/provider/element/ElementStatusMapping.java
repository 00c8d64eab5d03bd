package io.ferry.provider.element;

import io.ferry.domain.TransferPhase;
import io.ferry.provider.remote.MappedStatus;
import io.ferry.provider.remote.StatusTable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Element bulk volume job status → phase. The sources use four vocabularies (cloud-apis.md §2.4): the
 * bulkVolumeJob doc (preparing, running, complete, failed), the SDK and UpdateBulkVolumeStatus' return
 * (preparing, active, done, failed), UpdateBulkVolumeStatus' input (running, complete, failed) and
 * GetAsyncResult (running, complete). All are accepted, case-insensitively; anything else is unknown with the raw
 * text kept.
 */
public final class ElementStatusMapping {
    private static final StatusTable TABLE;

    static {
        Map<String, TransferPhase> m = new LinkedHashMap<>();
        m.put("preparing", TransferPhase.INITIALIZING);
        m.put("running", TransferPhase.TRANSFERRING);
        m.put("active", TransferPhase.TRANSFERRING);
        m.put("complete", TransferPhase.FINISHED_SUCCESS);
        m.put("done", TransferPhase.FINISHED_SUCCESS);
        m.put("failed", TransferPhase.FINISHED_FAILURE);
        TABLE = new StatusTable(m);
    }

    private ElementStatusMapping() {}

    public static MappedStatus map(String raw) {
        return TABLE.map(raw);
    }

    public static Map<String, TransferPhase> table() {
        return TABLE.rows();
    }
}
