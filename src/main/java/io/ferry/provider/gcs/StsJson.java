package io.ferry.provider.gcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.ErrorBreakdown;
import io.ferry.domain.Rfc3339;
import io.ferry.domain.TransferCounters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Storage Transfer JSON (proto3 JSON: int64 as strings, zero counters and empty lists omitted) into
 * {@link GcsOperation} and {@link GcsJob}. Tolerant by design: unknown fields are ignored, missing optional
 * fields are fine, an unparseable counter or timestamp is left out and named in {@code problems}; only a body
 * that is not JSON at all (or not an object) is an error, reported by the caller.
 */
public final class StsJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS, true);

    private StsJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses text into a tree. @throws JsonProcessingException when it is not JSON */
    public static JsonNode tree(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /** An Operation wrapper ({@code name, metadata, done, error | response}). */
    public static GcsOperation operation(JsonNode op) {
        List<String> problems = new ArrayList<>();
        JsonNode md = op.path("metadata");
        String name = text(md, "name");
        if (name.isEmpty()) {
            name = text(op, "name");
        }
        GcsOperation.RpcStatus error = null;
        if (op.path("error").isObject()) {
            JsonNode e = op.path("error");
            error = new GcsOperation.RpcStatus(e.path("code").asInt(2), text(e, "message"));
        }
        return new GcsOperation(
                name,
                text(md, "projectId"),
                text(md, "transferJobName"),
                GcsStatusMapping.map(raw(md.path("status"))),
                op.path("done").asBoolean(false),
                counters(md.path("counters"), problems),
                errorBreakdowns(md.path("errorBreakdowns")),
                time(md, "startTime", problems),
                time(md, "endTime", problems),
                source(md.path("transferSpec")),
                sink(md.path("transferSpec")),
                error,
                problems);
    }

    /** A bare TransferOperation (no wrapper), as some tools print the metadata alone. */
    public static GcsOperation transferOperation(JsonNode md) {
        var wrapper = MAPPER.createObjectNode();
        wrapper.set("metadata", md);
        return operation(wrapper);
    }

    public static GcsJob job(JsonNode j) {
        List<String> ignored = new ArrayList<>();
        return new GcsJob(
                text(j, "name"),
                text(j, "description"),
                text(j, "projectId"),
                text(j, "status"),
                source(j.path("transferSpec")),
                sink(j.path("transferSpec")),
                text(j, "latestOperationName"),
                text(j.path("schedule"), "repeatInterval"),
                time(j, "creationTime", ignored),
                time(j, "lastModificationTime", ignored));
    }

    /**
     * All 21 counters through {@link TransferCounters#fromWire}; values stay exact above 2^53 (read as text). A
     * value that is not an int64 is left out and named in {@code problems}.
     */
    static TransferCounters counters(JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            return TransferCounters.EMPTY;
        }
        Map<String, String> wire = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                wire.put(e.getKey(), e.getValue().asText());
            }
        });
        try {
            return TransferCounters.fromWire(wire);
        } catch (IllegalArgumentException bad) {
            Map<String, String> good = new LinkedHashMap<>();
            for (var e : wire.entrySet()) {
                try {
                    TransferCounters.fromWire(Map.of(e.getKey(), e.getValue()));
                    good.put(e.getKey(), e.getValue());
                } catch (IllegalArgumentException one) {
                    problems.add(one.getMessage());
                }
            }
            return TransferCounters.fromWire(good);
        }
    }

    /** errorBreakdowns through {@link ErrorBreakdown#fromWire}, samples included; unknown codes become UNKNOWN. */
    static ErrorBreakdown errorBreakdowns(JsonNode node) {
        if (!node.isArray()) {
            return ErrorBreakdown.EMPTY;
        }
        List<?> wire = MAPPER.convertValue(node, List.class);
        return ErrorBreakdown.fromWire(wire);
    }

    private static Instant time(JsonNode parent, String field, List<String> problems) {
        String raw = text(parent, field);
        if (raw.isEmpty()) {
            return null;
        }
        var t = Rfc3339.tryParse(raw);
        if (t.isEmpty()) {
            problems.add(field + " is not an RFC 3339 timestamp: \"" + raw + "\"");
        }
        return t.orElse(null);
    }

    /** The source as gcloud's table shows it: the first of bucketName | listUrl | container | rootDirectory. */
    static String source(JsonNode spec) {
        if (!spec.isObject()) {
            return "";
        }
        if (spec.has("gcsDataSource")) {
            return "gs://" + text(spec.path("gcsDataSource"), "bucketName") + "/" + text(spec.path("gcsDataSource"), "path");
        }
        if (spec.has("awsS3DataSource")) {
            return "s3://" + text(spec.path("awsS3DataSource"), "bucketName") + "/" + text(spec.path("awsS3DataSource"), "path");
        }
        if (spec.has("awsS3CompatibleDataSource")) {
            JsonNode s = spec.path("awsS3CompatibleDataSource");
            String endpoint = text(s, "endpoint");
            return "s3://" + text(s, "bucketName") + "/" + text(s, "path") + (endpoint.isEmpty() ? "" : " (" + endpoint + ")");
        }
        if (spec.has("httpDataSource")) {
            return text(spec.path("httpDataSource"), "listUrl");
        }
        if (spec.has("azureBlobStorageDataSource")) {
            JsonNode s = spec.path("azureBlobStorageDataSource");
            return "azure://" + text(s, "storageAccount") + "/" + text(s, "container") + "/" + text(s, "path");
        }
        if (spec.has("posixDataSource")) {
            return "posix:" + text(spec.path("posixDataSource"), "rootDirectory");
        }
        if (spec.has("hdfsDataSource")) {
            return "hdfs:" + text(spec.path("hdfsDataSource"), "path");
        }
        return "";
    }

    static String sink(JsonNode spec) {
        if (!spec.isObject()) {
            return "";
        }
        if (spec.has("gcsDataSink")) {
            return "gs://" + text(spec.path("gcsDataSink"), "bucketName") + "/" + text(spec.path("gcsDataSink"), "path");
        }
        if (spec.has("posixDataSink")) {
            return "posix:" + text(spec.path("posixDataSink"), "rootDirectory");
        }
        return "";
    }

    /**
     * A value as the server sent it, for statuses shown raw: text as is, an object or array as its JSON, absent or
     * JSON null as null (not the word "null").
     */
    static String raw(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    static String text(JsonNode parent, String field) {
        JsonNode n = parent.path(field);
        return n.isValueNode() && !n.isNull() ? n.asText() : "";
    }
}
