package io.ferry.provider.ims;

import io.ferry.domain.ErrorCode;
import java.util.Locale;
import java.util.Map;

/**
 * IMS ({@code IMG.xxxx}) and API gateway ({@code APIGW.xxxx}) error codes → google.rpc codes, loosely (the vendor
 * code is always kept in the sample). Codes from the OTC API reference's error-code table as listed in
 * cloud-apis.md §3.5; any other code maps to UNKNOWN.
 */
public final class ImsErrorCodes {
    private static final Map<String, ErrorCode> TABLE = Map.ofEntries(
            Map.entry("IMG.0024", ErrorCode.INVALID_ARGUMENT),
            Map.entry("IMG.0026", ErrorCode.PERMISSION_DENIED),
            Map.entry("IMG.0057", ErrorCode.FAILED_PRECONDITION),
            Map.entry("IMG.0058", ErrorCode.FAILED_PRECONDITION),
            Map.entry("IMG.0059", ErrorCode.OUT_OF_RANGE),
            Map.entry("IMG.0060", ErrorCode.RESOURCE_EXHAUSTED),
            Map.entry("IMG.0069", ErrorCode.PERMISSION_DENIED),
            Map.entry("IMG.0070", ErrorCode.ALREADY_EXISTS),
            Map.entry("IMG.0071", ErrorCode.FAILED_PRECONDITION),
            Map.entry("IMG.0072", ErrorCode.INVALID_ARGUMENT),
            Map.entry("IMG.0077", ErrorCode.FAILED_PRECONDITION),
            Map.entry("IMG.0079", ErrorCode.FAILED_PRECONDITION),
            Map.entry("IMG.0080", ErrorCode.FAILED_PRECONDITION),
            Map.entry("IMG.0081", ErrorCode.FAILED_PRECONDITION),
            Map.entry("IMG.0128", ErrorCode.FAILED_PRECONDITION),
            Map.entry("IMG.0148", ErrorCode.FAILED_PRECONDITION),
            Map.entry("IMG.0160", ErrorCode.OUT_OF_RANGE),
            Map.entry("IMG.0175", ErrorCode.INVALID_ARGUMENT),
            Map.entry("IMG.0194", ErrorCode.RESOURCE_EXHAUSTED),
            Map.entry("IMG.1075", ErrorCode.INTERNAL),
            Map.entry("APIGW.0301", ErrorCode.UNAUTHENTICATED),
            Map.entry("APIG.0301", ErrorCode.UNAUTHENTICATED));

    private ImsErrorCodes() {}

    /** The code for a vendor code, or empty-handed UNKNOWN (case-insensitive, blanks ignored). */
    public static ErrorCode map(String vendorCode) {
        if (vendorCode == null || vendorCode.isBlank()) {
            return ErrorCode.UNKNOWN;
        }
        return TABLE.getOrDefault(vendorCode.trim().toUpperCase(Locale.ROOT), ErrorCode.UNKNOWN);
    }

    public static boolean isKnown(String vendorCode) {
        return vendorCode != null && TABLE.containsKey(vendorCode.trim().toUpperCase(Locale.ROOT));
    }

    public static Map<String, ErrorCode> table() {
        return TABLE;
    }
}
