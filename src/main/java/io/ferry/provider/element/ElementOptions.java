package io.ferry.provider.element;

/** The option keys an Element transfer carries (Transfer.options). */
public final class ElementOptions {
    /** The bulk volume job's key (from StartBulkVolumeRead/Write; ListBulkVolumeJobs lists jobs by key). */
    public static final String KEY = "element.key";
    /** The async handle StartBulkVolumeRead/Write returned, for GetAsyncResult once the job leaves the list. */
    public static final String ASYNC_HANDLE = "element.asyncHandle";
    /**
     * Ferry's marker for a job it starts (a random UUID, set by Ferry): saved in the store before
     * StartBulkVolumeRead/Write is sent and sent in the job's {@code attributes} as {@value #MARKER_ATTRIBUTE}, so a
     * start whose answer was lost (or a Ferry that stopped before storing the answer) finds its job again through
     * ListBulkVolumeJobs instead of starting a second one.
     */
    public static final String REQUEST = "element.request";
    /** "true" (set by Ferry): the job was found by its marker, so Ferry has its key but not its async handle. */
    public static final String FOUND_BY_MARKER = "element.foundByMarker";
    /** The name of the marker in the job's attributes. */
    public static final String MARKER_ATTRIBUTE = "ferry-request";
    /** Which connection profile to use (resolved by the {@link ElementConnector}). */
    public static final String PROFILE = "element.profile";
    public static final String VOLUME_ID = "element.volumeID";
    public static final String FORMAT = "element.format";
    public static final String SNAPSHOT_ID = "element.snapshotID";
    public static final String SCRIPT = "element.script";
    /**
     * The script's parameters as a JSON object (they usually carry S3 access and secret keys): a credential
     * ({@link ElementProvider#secretOptions}). Through the engine the option holds only
     * {@link io.ferry.provider.Provider#SECRET_PLACEHOLDER} and the value is in the secret store under the
     * transfer's id until the start has answered (then the option says they were sent, and the secret is removed).
     */
    public static final String SCRIPT_PARAMETERS = "element.scriptParameters";
    public static final String ATTRIBUTES = "element.attributes";
    /**
     * A local file whose data Ferry itself moves through the node's URL (a job started without a script): a read
     * job downloads the volume into it, a write job uploads it into the volume.
     */
    public static final String FILE = "element.file";
    /** "true": a read job may replace an existing {@link #FILE}. */
    public static final String OVERWRITE = "element.overwrite";
    /** Seconds between UpdateBulkVolumeStatus reports while Ferry moves data (default 5). */
    public static final String STATUS_EVERY = "element.statusEvery";
    /** Percentage points between UpdateBulkVolumeStatus reports while Ferry moves data (default 10). */
    public static final String STATUS_STEP = "element.statusStep";
    /** The last status Ferry reported for a job whose data it moves: running, complete or failed (set by Ferry). */
    public static final String REPORTED = "element.reported";

    private ElementOptions() {}
}
