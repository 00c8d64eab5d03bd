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
 * the last one the job leaves the list and its async result completes with the scripted outcome. The attributes a
 * start call gives are listed with the job's own (the docs call both "JSON attributes on the bulk volume job"; that
 * they are the same object is Ferry's reading, see docs/element.md).
 *
 * <p>A job started without a script is driven by its client instead: it is listed as {@code preparing} until an
 * UpdateBulkVolumeStatus {@code running} arrives, then with the status and percentComplete last reported (the
 * percentage must be a string, as documented), until {@code complete} or {@code failed}. Its data is served at
 * the {@code url} the start call returns, with the key as the last path segment (Ferry's assumption, written up
 * in docs/element.md): {@code GET} gives a read job the volume's bytes, {@code PUT} stores a write job's bytes
 * into the volume; only while the session is active.
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
        /** For a job without a script: the status and percent its client last reported (null: scripted frames). */
        String drivenStatus;
        String drivenPercent = "0";
        /** The attributes the start call gave (StartBulkVolumeRead/Write {@code attributes}); listed with the job's own. */
        final ObjectNode startAttributes = M.createObjectNode();

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
    private final Map<Long, byte[]> volumeData = new java.util.concurrent.ConcurrentHashMap<>();
    /** Data requests as "METHOD path bytes" (bytes: sent for GET, received for PUT). */
    public final List<String> dataRequests = new CopyOnWriteArrayList<>();
    /** Answers to the next data requests instead of the regular ones (a failing node). */
    public final ConcurrentLinkedQueue<MockResponse> dataFaults = new ConcurrentLinkedQueue<>();
    private long dataBytesPerSecond;

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

    /** Serve job data under this base URL (the server's own, so Ferry can reach it); returned as {@code url}. */
    public synchronized void serveDataAt(String baseUrl) {
        this.url = baseUrl;
    }

    /** The volume's content (what a read job serves, what a write job replaces). */
    public void volumeData(long volumeID, byte[] bytes) {
        volumeData.put(volumeID, bytes.clone());
    }

    public byte[] volumeData(long volumeID) {
        return volumeData.getOrDefault(volumeID, new byte[0]).clone();
    }

    /** Slows the data GETs down to about this many bytes per second (0: full speed). */
    public void throttleData(long bytesPerSecond) {
        this.dataBytesPerSecond = bytesPerSecond;
    }

    /** The UpdateBulkVolumeStatus calls' params for {@code key}, in order. */
    public List<JsonNode> statusReports(String key) {
        return calls("UpdateBulkVolumeStatus").stream().map(c -> c.path("params"))
                .filter(p -> key.equals(p.path("key").asText())).map(p -> (JsonNode) p).toList();
    }

    /** A GET body that sends {@code sent} bytes of {@code data}, then breaks the connection. */
    public static MockResponse breaksAfter(byte[] data, int sent) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream")
                .body(new mockwebserver3.MockResponseBody() {
                    @Override
                    public long getContentLength() {
                        return data.length;
                    }

                    @Override
                    public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
                        sink.write(data, 0, sent);
                        sink.flush();
                        throw new java.io.IOException("node lost its disk");
                    }
                }).build();
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

    /** How many bulk volume jobs exist on the cluster (started or added), listed or not. */
    public synchronized int jobCount() {
        return jobs.size();
    }

    public List<ObjectNode> calls(String method) {
        return calls.stream().filter(c -> method.equals(c.path("method").asText())).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String dataBase = okhttp3.HttpUrl.get(url).encodedPath();
        String p0 = request.getUrl().encodedPath();
        if (!p0.startsWith("/json-rpc/") && p0.startsWith(dataBase) && p0.length() > dataBase.length()) {
            return data(request, p0.substring(dataBase.length()));
        }
        return rpc(request);
    }

    private MockResponse data(RecordedRequest request, String key) {
        Job j;
        synchronized (this) {
            j = jobs.get(key);
        }
        String method = request.getMethod();
        long received = request.getBody() == null ? 0 : request.getBody().size();
        MockResponse fault = dataFaults.poll();
        if (fault != null) {
            dataRequests.add(method + " " + key + " fault");
            return fault;
        }
        if (j == null || !j.listed || j.complete) {
            dataRequests.add(method + " " + key + " 404");
            return new MockResponse.Builder().code(404).addHeader("Content-Type", "text/plain")
                    .body("no active bulk volume session for this key").build();
        }
        if ("GET".equals(method) && j.type.equals("read")) {
            byte[] d = volumeData(j.volumeID);
            dataRequests.add("GET " + key + " " + d.length);
            MockResponse.Builder b = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream")
                    .body(new okio.Buffer().write(d));
            if (dataBytesPerSecond > 0) {
                b.throttleBody(Math.max(1, dataBytesPerSecond / 20), 50, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            return b.build();
        }
        if ("PUT".equals(method) && j.type.equals("write")) {
            volumeData.put(j.volumeID, request.getBody().toByteArray());
            dataRequests.add("PUT " + key + " " + received);
            return new MockResponse.Builder().code(204).build();
        }
        dataRequests.add(method + " " + key + " 405");
        return new MockResponse.Builder().code(405).addHeader("Content-Type", "text/plain")
                .body(method + " is not served for a " + j.type + " job").build();
    }

    private synchronized MockResponse rpc(RecordedRequest request) {
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

    /** Run when a start call arrives, before the job exists (a test reads what Ferry had stored by then). */
    public volatile Runnable onStart = () -> {};

    private MockResponse start(JsonNode id, JsonNode p, String type) {
        onStart.run();
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
        if (p.path("script").asText("").isEmpty()) {
            j.drivenStatus = "preparing"; // waits for its client to move the data
        }
        if (p.path("attributes").isObject()) {
            j.startAttributes.setAll((ObjectNode) p.get("attributes"));
        }
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
            Frame f = j.drivenStatus != null ? new Frame(j.drivenStatus, (int) Double.parseDouble(j.drivenPercent), 1, -1)
                    : j.frames.poll();
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
            a.setAll(j.startAttributes);
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
        if (p.has("percentComplete")) {
            JsonNode pc = p.get("percentComplete");
            boolean number;
            try {
                Double.parseDouble(pc.asText(""));
                number = true;
            } catch (NumberFormatException e) {
                number = false;
            }
            if (!pc.isTextual() || !number) {
                return error(id, 500, "xInvalidParameter", "percentComplete must be a string holding a number");
            }
        }
        if (!j.listed || j.complete) {
            ObjectNode r = M.createObjectNode().put("status", j.outcome.has("error") ? "failed" : "done");
            return result(id, r); // the session is over: no url
        }
        if (status.equals("running") && j.drivenStatus != null) {
            j.drivenStatus = "running";
            if (p.has("percentComplete")) {
                j.drivenPercent = p.get("percentComplete").asText();
            }
        }
        if (status.equals("failed") || status.equals("complete")) {
            j.drivenStatus = null;
            j.frames.clear();
            j.frames.add(new Frame(status, (int) p.path("percentComplete").asDouble(status.equals("complete") ? 100 : 0), 1, 0));
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
