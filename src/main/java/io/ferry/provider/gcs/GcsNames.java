package io.ferry.provider.gcs;

/** Storage Transfer names always carry their prefix on the wire; operators often type them without. */
public final class GcsNames {
    public static final String OPERATION_PREFIX = "transferOperations/";
    public static final String JOB_PREFIX = "transferJobs/";

    private GcsNames() {}

    /** {@code transferJobs-1-2} → {@code transferOperations/transferJobs-1-2}; a prefixed name is kept. */
    public static String operation(String name) {
        String n = requireName(name, "operation");
        return n.startsWith(OPERATION_PREFIX) ? n : OPERATION_PREFIX + n;
    }

    /** {@code 123} → {@code transferJobs/123}; a prefixed name is kept. */
    public static String job(String name) {
        String n = requireName(name, "job");
        return n.startsWith(JOB_PREFIX) ? n : JOB_PREFIX + n;
    }

    public static String stripOperationPrefix(String name) {
        return name != null && name.startsWith(OPERATION_PREFIX) ? name.substring(OPERATION_PREFIX.length()) : name;
    }

    public static String stripJobPrefix(String name) {
        return name != null && name.startsWith(JOB_PREFIX) ? name.substring(JOB_PREFIX.length()) : name;
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a transfer " + what + " name is required");
        }
        return name.trim();
    }
}
