package io.ferry.provider.ims;

/** The option keys an IMS transfer carries (Transfer.options). */
public final class ImsOptions {
    /** The job to follow (set by Ferry after it starts an import or export). */
    public static final String JOB_ID = "ims.jobId";
    /** Which job query to use: jobs (seed 004, default) or progress (Huawei, with percent). */
    public static final String JOB_API = "ims.jobApi";
    /** Which connection profile to use (resolved by the {@link ImsConnector}). */
    public static final String PROFILE = "ims.profile";
    /** What to start when there is no job id yet: import or export. */
    public static final String START = "ims.start";
    public static final String IMAGE_NAME = "ims.name";
    public static final String IMAGE_URL = "ims.imageUrl";
    public static final String MIN_DISK = "ims.minDisk";
    public static final String OS_VERSION = "ims.osVersion";
    public static final String DESCRIPTION = "ims.description";
    public static final String TYPE = "ims.type";
    /** Comma-separated image tags ("key.value"). */
    public static final String TAGS = "ims.tags";
    public static final String IMAGE_ID = "ims.imageId";
    public static final String BUCKET_URL = "ims.bucketUrl";
    public static final String FILE_FORMAT = "ims.fileFormat";
    public static final String QUICK_EXPORT = "ims.quickExport";

    private ImsOptions() {}
}
