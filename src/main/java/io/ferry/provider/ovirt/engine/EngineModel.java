package io.ferry.provider.ovirt.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.provider.remote.JsonValues;

/**
 * The engine entities Ferry reads, from the REST API's JSON (numbers and booleans may come as strings there).
 * Unknown fields are ignored; missing ones are empty or -1; the raw phase and status are kept as text.
 */
public final class EngineModel {
    private EngineModel() {}

    public record ProductInfo(String name, String vendor, String version) {
        static ProductInfo from(JsonNode api) {
            JsonNode p = api.path("product_info");
            JsonNode v = p.path("version");
            String full = text(v, "full_version");
            if (full.isEmpty()) {
                full = text(v, "major") + "." + text(v, "minor") + "." + text(v, "build") + "." + text(v, "revision");
            }
            return new ProductInfo(text(p, "name"), text(p, "vendor"), full);
        }
    }

    public record StorageDomain(String id, String name, String type, String status, long available) {
        static StorageDomain from(JsonNode n) {
            return new StorageDomain(text(n, "id"), text(n, "name"), text(n, "type"),
                    text(n, "external_status").isEmpty() ? text(n, "status") : text(n, "external_status"),
                    num(n, "available"));
        }
    }

    public record Host(String id, String name, String address, String status) {
        static Host from(JsonNode n) {
            return new Host(text(n, "id"), text(n, "name"), text(n, "address"), text(n, "status"));
        }
    }

    /**
     * @param status ok, locked, illegal (raw text kept)
     */
    public record Disk(String id, String name, String format, String status, long provisionedSize, long actualSize,
            long initialSize, boolean sparse, String storageDomainId) {
        static Disk from(JsonNode n) {
            JsonNode sds = n.path("storage_domains").path("storage_domain");
            String sd = sds.isArray() && !sds.isEmpty() ? text(sds.get(0), "id") : "";
            return new Disk(text(n, "id"), text(n, "name"), text(n, "format"), text(n, "status"),
                    num(n, "provisioned_size"), num(n, "actual_size"), num(n, "initial_size"),
                    "true".equalsIgnoreCase(text(n, "sparse")), sd);
        }

        public boolean isOk() {
            return "ok".equalsIgnoreCase(status);
        }

        public boolean isIllegal() {
            return "illegal".equalsIgnoreCase(status);
        }
    }

    /** An image transfer; {@code phase} is the engine's own text. The disk's id is under {@code image}. */
    public record ImageTransfer(String id, String phase, String direction, String transferUrl, String proxyUrl,
            long transferred, int inactivityTimeout, String timeoutPolicy, String format, String hostId,
            String diskId) {
        static ImageTransfer from(JsonNode n) {
            String disk = text(n.path("image"), "id");
            if (disk.isEmpty()) {
                disk = text(n.path("disk"), "id");
            }
            return new ImageTransfer(text(n, "id"), text(n, "phase"), text(n, "direction"), text(n, "transfer_url"),
                    text(n, "proxy_url"), num(n, "transferred"), toInt(num(n, "inactivity_timeout")),
                    text(n, "timeout_policy"), text(n, "format"), text(n.path("host"), "id"), disk);
        }
    }

    private static int toInt(long v) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (int) v : -1;
    }

    /** Text as sent; an object or array as its JSON (so an odd phase is shown raw, not as ""); absent is "". */
    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return "";
        }
        return v.isValueNode() ? v.asText("") : v.toString();
    }

    /** A whole number (JSON number or decimal string) exactly, or -1: never rounded or wrapped. */
    static long num(JsonNode n, String field) {
        return JsonValues.exactLong(n.path(field)).orElse(-1);
    }
}
