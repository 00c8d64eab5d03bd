package io.ferry.provider.element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * An in-repo Element cluster for tests, following NetApp's documented JSON-RPC API (cloud-apis.md §2): Basic
 * auth (401 otherwise), {@code POST /json-rpc/<version>}, named params, error objects with code 500 and an x…
 * name, StartBulkVolumeRead/Write returning asyncHandle/key/url, ListBulkVolumeJobs listing running jobs only,
 * GetAsyncResult with keepResult semantics (without it a completed result is deleted on first read), and
 * UpdateBulkVolumeStatus. A job's life is scripted as frames: each ListBulkVolumeJobs shows the next frame; after
 * the last one the job leaves the list and its async result completes with the scripted outcome.
 */
public final class FakeElementCluster extends Dispatcher {
    static final ObjectMapper M = new ObjectMapper();

    public record Frame(String status, int percent, int elapsed, int remaining) {}

    public static final class Job {
        final String key;
        final long handle;
        final String type;
        final long volumeID;
        final Deque<Frame> frames;
        final ObjectNode outcome;
        boolean listed = true;
        boolean complete;

        Job(String key, long handle, String type, long volumeID, List<Frame> frames, ObjectNode outcome) {
            this.key = key;
            this.handle = handle;
            this.type = type;
            this.volumeID = volumeID;
            this.frames = new ArrayDeque<>(frames);
            this.outcome = outcome;
        }
    }

    private final String version;
    private final String authorization;
    private final Set<Long> volumes;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<Long, Job> byHandle = new LinkedHashMap<>();
    private final Set<Long> deletedHandles = new java.util.HashSet<>();
    private long nextHandle = 40;
    private String url = "https://10.10.23.47:8443/";
    private List<Frame> nextScript = List.of(new Frame("running", 100, 1, 0));
    private ObjectNode nextOutcome = success();
    final List<ObjectNode> calls = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<MockResponse> faults = new ConcurrentLinkedQueue<>();

    public FakeElementCluster(String version, String user, String password, Set<Long> volumes) {
        this.version = version;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
        this.volumes = volumes;
    }

    public static ObjectNode success() {
        ObjectNode r = M.createObjectNode();
        r.putObject("result").put("bvID", 1).put("message", "Bulk volume job succeeded").put("volumeID", 5);
        return r;
    }

    public static ObjectNode failure(String name, String message) {
        ObjectNode r = M.createObjectNode();
        r.putObject("error").put("bvID", 1).put("message", message).put("name", name).put("volumeID", 5);
        return r;
    }

    /** The life the next started job will have. */
    public synchronized void scriptNextJob(List<Frame> frames, ObjectNode outcome) {
        this.nextScript = frames;
        this.nextOutcome = outcome;
    }

    /** A job already running on the cluster (one Ferry will watch). */
    public synchronized Job addJob(String key, String type, long volumeID, List<Frame> frames, ObjectNode outcome) {
        Job j = new Job(key, nextHandle++, type, volumeID, frames, outcome);
        jobs.put(key, j);
        byHandle.put(j.handle, j);
        return j;
    }

    public List<ObjectNode> calls(String method) {
        return calls.stream().filter(c -> method.equals(c.path("method").asText())).toList();
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        MockResponse fault = faults.poll();
        if (fault != null) {
            return fault;
        }
        if (!authorization.equals(request.getHeaders().get("Authorization"))) {
            return new MockResponse.Builder().code(401).body("").build();
        }
        String path = request.getUrl().encodedPath();
        if (!"POST".equals(request.getMethod()) || !(("/json-rpc/" + version).equals(path) || "/json-rpc/9.6".equals(path))) {
            return new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
                    .body("<html><head><title>404 Not Found</title></head><body>Not Found</body></html>").build();
        }
        ObjectNode call;
        try {
            call = (ObjectNode) M.readTree(request.getBody().utf8());
        } catch (Exception e) {
            return error(null, 500, "xInvalidJSON", "request is not JSON");
        }
        calls.add(call.deepCopy().put("_path", path));
        JsonNode id = call.get("id");
        JsonNode p = call.path("params");
        return switch (call.path("method").asText()) {
            case "StartBulkVolumeRead" -> start(id, p, "read");
            case "StartBulkVolumeWrite" -> start(id, p, "write");
            case "ListBulkVolumeJobs" -> list(id);
            case "GetAsyncResult" -> asyncResult(id, p);
            case "UpdateBulkVolumeStatus" -> update(id, p);
            case "GetAPI" -> result(id, M.createObjectNode().put("currentVersion", version)
                    .set("supportedVersions", M.createArrayNode().add("1.0").add("9.6").add(version)));
            default -> error(id, 500, "xUnknownAPIMethod", "Unknown method " + call.path("method").asText());
        };
    }

    private MockResponse start(JsonNode id, JsonNode p, String type) {
        long vol = p.path("volumeID").asLong(-1);
        if (!volumes.contains(vol)) {
            return error(id, 500, "xVolumeIDDoesNotExist", "VolumeID " + vol + " does not exist.");
        }
        String format = p.path("format").asText("");
        if (!format.equals("native") && !format.equals("uncompressed")) {
            return error(id, 500, "xUnrecognizedEnumString", "Unrecognized enum string \"" + format + "\" for format");
        }
        String key = String.format("%032x", (long) (jobs.size() + 1) * 0x1f2e3d4c5bL);
        Job j = new Job(key, nextHandle++, type, vol, nextScript, nextOutcome.deepCopy());
        jobs.put(key, j);
        byHandle.put(j.handle, j);
        ObjectNode r = M.createObjectNode().put("asyncHandle", j.handle).put("key", key).put("url", url);
        return result(id, r);
    }

    private MockResponse list(JsonNode id) {
        ArrayNode arr = M.createArrayNode();
        for (Job j : jobs.values()) {
            if (!j.listed) {
                continue;
            }
            Frame f = j.frames.poll();
            if (f == null) {
                j.listed = false;
                j.complete = true;
                continue;
            }
            if (Set.of("failed", "complete", "done").contains(f.status())) {
                j.complete = true;
            }
            ObjectNode o = arr.addObject();
            ObjectNode a = o.putObject("attributes");
            a.put("blocksPerTransfer", 1024).put("nLbas", 2441472).put("startLba", 0)
                    .put("nextLba", (long) (2441472L * f.percent() / 100)).put("percentComplete", f.percent());
            o.put("bulkVolumeID", j.handle).put("createTime", "2026-11-23T11:59:00Z").put("elapsedTime", f.elapsed())
                    .put("format", "native").put("key", j.key).put("percentComplete", f.percent())
                    .put("remainingTime", f.remaining()).put("script", "bv_internal.py").put("srcVolumeID", j.volumeID)
                    .put("status", f.status()).put("type", j.type);
        }
        ObjectNode r = M.createObjectNode();
        r.set("bulkVolumeJobs", arr);
        return result(id, r);
    }

    private MockResponse asyncResult(JsonNode id, JsonNode p) {
        long h = p.path("asyncHandle").asLong(-1);
        Job j = byHandle.get(h);
        if (j == null || deletedHandles.contains(h)) {
            return error(id, 500, "xDBNoSuchPath",
                    "DBClient operation requested on a non-existent path at [/asyncresults/" + h + "]");
        }
        ObjectNode r = M.createObjectNode().put("createTime", "2026-11-23T11:59:00Z")
                .put("lastUpdateTime", "2026-11-23T12:00:00Z").put("resultType", "BulkVolume");
        if (!j.complete) {
            r.put("status", "running");
            r.putObject("details").put("bvID", 1).put("volumeID", j.volumeID);
            return result(id, r);
        }
        r.put("status", "complete");
        r.setAll(j.outcome);
        if (!p.path("keepResult").asBoolean(false)) {
            deletedHandles.add(h);
        }
        return result(id, r);
    }

    private MockResponse update(JsonNode id, JsonNode p) {
        Job j = jobs.get(p.path("key").asText(""));
        if (j == null) {
            return error(id, 500, "xBulkVolumeIDDoesNotExist", "xBulkVolumeIDDoesNotExist");
        }
        String status = p.path("status").asText("");
        if (!status.isEmpty() && !Set.of("running", "complete", "failed").contains(status)) {
            return error(id, 500, "xUnrecognizedEnumString", "Unrecognized enum string \"" + status + "\" for status");
        }
        if (status.equals("failed") || status.equals("complete")) {
            j.frames.clear();
            j.frames.add(new Frame(status, p.path("percentComplete").asInt(0), 1, 0));
            j.outcome.removeAll();
            j.outcome.setAll(status.equals("failed") ? failure("xBulkVolumeScriptFailure", p.path("message").asText("failed"))
                    : success());
        }
        ObjectNode r = M.createObjectNode().put("status", status.isEmpty() ? "active" : status);
        if (p.has("attributes")) {
            r.set("attributes", p.get("attributes"));
        }
        if (j.listed) {
            r.put("url", url);
        }
        return result(id, r);
    }

    static MockResponse result(JsonNode id, JsonNode result) {
        ObjectNode o = M.createObjectNode();
        o.set("id", id);
        o.set("result", result);
        return json(200, o.toString());
    }

    static MockResponse error(JsonNode id, int code, String name, String message) {
        ObjectNode o = M.createObjectNode();
        o.putObject("error").put("code", code).put("message", message).put("name", name);
        o.set("id", id);
        return json(200, o.toString());
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    public static List<Frame> frames(Frame... f) {
        return new ArrayList<>(List.of(f));
    }
}
