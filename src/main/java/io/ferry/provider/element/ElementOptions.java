package io.ferry.provider.element;

/** The option keys an Element transfer carries (Transfer.options). */
public final class ElementOptions {
    /** The bulk volume job's key (from StartBulkVolumeRead/Write; ListBulkVolumeJobs lists jobs by key). */
    public static final String KEY = "element.key";
    /** The async handle StartBulkVolumeRead/Write returned, for GetAsyncResult once the job leaves the list. */
    public static final String ASYNC_HANDLE = "element.asyncHandle";
    /** Which connection profile to use (resolved by the {@link ElementConnector}). */
    public static final String PROFILE = "element.profile";
    public static final String VOLUME_ID = "element.volumeID";
    public static final String FORMAT = "element.format";
    public static final String SNAPSHOT_ID = "element.snapshotID";
    public static final String SCRIPT = "element.script";
    public static final String SCRIPT_PARAMETERS = "element.scriptParameters";
    public static final String ATTRIBUTES = "element.attributes";

    private ElementOptions() {}
}
