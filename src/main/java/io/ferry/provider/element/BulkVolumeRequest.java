package io.ferry.provider.element;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of StartBulkVolumeRead / StartBulkVolumeWrite. {@code snapshotID} applies to reads only (-1:
 * none, the cluster takes a temporary snapshot); {@code scriptParameters} and {@code attributes} are JSON
 * object text or blank. scriptParameters usually carry S3 secrets: never log them.
 */
public record BulkVolumeRequest(
        long volumeID, String format, long snapshotID, String script, String scriptParameters, String attributes) {

    public BulkVolumeRequest {
        if (volumeID < 0) {
            throw new IllegalArgumentException("volumeID is required (a non-negative integer)");
        }
        format = format == null || format.isBlank() ? "native" : format.trim().toLowerCase(Locale.ROOT);
        if (!format.equals("native") && !format.equals("uncompressed")) {
            throw new IllegalArgumentException("format must be native or uncompressed, got \"" + format + "\"");
        }
        script = Objects.requireNonNullElse(script, "");
        scriptParameters = Objects.requireNonNullElse(scriptParameters, "");
        attributes = Objects.requireNonNullElse(attributes, "");
    }

    /**
     * This request with one more entry in its {@code attributes} object (replacing one of that name).
     *
     * @throws IllegalArgumentException when the attributes given are not a JSON object
     */
    public BulkVolumeRequest withAttribute(String name, String value) {
        com.fasterxml.jackson.databind.node.ObjectNode a;
        if (attributes.isBlank()) {
            a = ElementClient.MAPPER.createObjectNode();
        } else {
            com.fasterxml.jackson.databind.JsonNode n;
            try {
                n = ElementClient.MAPPER.readTree(attributes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                n = null;
            }
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("option " + ElementOptions.ATTRIBUTES + " must be a JSON object");
            }
            a = (com.fasterxml.jackson.databind.node.ObjectNode) n;
        }
        a.put(name, value);
        return new BulkVolumeRequest(volumeID, format, snapshotID, script, scriptParameters, a.toString());
    }

    /** Reads the request from a transfer's options ({@code element.volumeID}, {@code element.format}, …). */
    public static BulkVolumeRequest fromOptions(Map<String, String> o) {
        String vol = o.getOrDefault(ElementOptions.VOLUME_ID, "").trim();
        long volumeID;
        try {
            volumeID = Long.parseLong(vol);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + ElementOptions.VOLUME_ID + " must be a volume ID, got \"" + vol + "\"");
        }
        String snap = o.getOrDefault(ElementOptions.SNAPSHOT_ID, "").trim();
        long snapshotID;
        try {
            snapshotID = snap.isEmpty() ? -1 : Long.parseLong(snap);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + ElementOptions.SNAPSHOT_ID + " must be a snapshot ID, got \"" + snap + "\"");
        }
        return new BulkVolumeRequest(volumeID, o.get(ElementOptions.FORMAT), snapshotID, o.get(ElementOptions.SCRIPT),
                o.get(ElementOptions.SCRIPT_PARAMETERS), o.get(ElementOptions.ATTRIBUTES));
    }
}
