package io.ferry.provider.element;

import io.ferry.domain.ErrorCode;
import java.util.Map;

/**
 * Element JSON-RPC error names (the {@code name} of an error object) → google.rpc codes. Names from NetApp's
 * docs and public code (cloud-apis.md §2.2); any other name is UNKNOWN, and the raw name stays in the sample.
 * Element answers nearly everything with code 500, so the name, not the code, decides.
 */
public final class ElementErrorCodes {
    private static final Map<String, ErrorCode> TABLE = Map.ofEntries(
            Map.entry("xVolumeIDDoesNotExist", ErrorCode.NOT_FOUND),
            Map.entry("xUnknownVolume", ErrorCode.NOT_FOUND),
            Map.entry("xSnapshotIDDoesNotExist", ErrorCode.NOT_FOUND),
            Map.entry("xAccountIDDoesNotExist", ErrorCode.NOT_FOUND),
            Map.entry("xBulkVolumeIDDoesNotExist", ErrorCode.NOT_FOUND),
            Map.entry("xDBNoSuchPath", ErrorCode.NOT_FOUND),
            Map.entry("xExceededLimit", ErrorCode.RESOURCE_EXHAUSTED),
            Map.entry("xUnrecognizedEnumString", ErrorCode.INVALID_ARGUMENT),
            Map.entry("xInvalidParameter", ErrorCode.INVALID_ARGUMENT),
            Map.entry("xInvalidAPIParameter", ErrorCode.INVALID_ARGUMENT),
            Map.entry("xNotPrimary", ErrorCode.UNAVAILABLE),
            Map.entry("xDBConnectionLoss", ErrorCode.UNAVAILABLE),
            Map.entry("xRpcTimeout", ErrorCode.DEADLINE_EXCEEDED),
            Map.entry("xBulkVolumeScriptFailure", ErrorCode.ABORTED));

    private ElementErrorCodes() {}

    public static ErrorCode map(String name) {
        return name == null ? ErrorCode.UNKNOWN : TABLE.getOrDefault(name.trim(), ErrorCode.UNKNOWN);
    }

    public static Map<String, ErrorCode> table() {
        return TABLE;
    }

    /** Errors saying that an async handle or bulk job is no longer known to the cluster. */
    public static boolean isGone(String name) {
        return "xDBNoSuchPath".equals(name) || "xBulkVolumeIDDoesNotExist".equals(name);
    }
}
