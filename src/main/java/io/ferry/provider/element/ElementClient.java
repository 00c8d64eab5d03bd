package io.ferry.provider.element;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import io.ferry.provider.remote.RemoteFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * JSON-RPC client for one Element cluster: {@code POST https://<MVIP>/json-rpc/<version>} with HTTP Basic auth on
 * every request, over TLS that trusts only the pinned certificate. Like NetApp's SDK it reads the JSON body
 * whatever the HTTP status (error objects come with 200 and non-200 alike), except 401, which is bad credentials.
 * Thread-safe.
 */
public final class ElementClient {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final ElementProfile profile;
    private final OkHttpClient http;
    private final String authorization;
    private final AtomicLong ids = new AtomicLong();

    public ElementClient(ElementProfile profile) {
        this(profile, new OkHttpClient());
    }

    /** @param base a client whose pool and dispatcher are shared; TLS, hostname check and timeouts are set here */
    public ElementClient(ElementProfile profile, OkHttpClient base) {
        this.profile = profile;
        PinnedCertificateTrust trust = new PinnedCertificateTrust(profile.pinnedSha256());
        this.http = base.newBuilder()
                .sslSocketFactory(trust.socketFactory(), trust)
                .hostnameVerifier(PinnedCertificateTrust.hostnameVerifier())
                .connectTimeout(profile.timeout())
                .readTimeout(profile.timeout())
                .writeTimeout(profile.timeout())
                .retryOnConnectionFailure(false)
                .build();
        this.authorization = Credentials.basic(profile.username(), profile.password());
    }

    /** The API versions a cluster speaks (GetAPI): its current one and all it supports. */
    public record ApiVersions(String currentVersion, List<String> supportedVersions) {
        public ApiVersions {
            supportedVersions = List.copyOf(supportedVersions);
        }
    }

    /** {@code auto} as the API version: ask the cluster (GetAPI at 9.6) and use its current version. */
    public static final String AUTO = "auto";

    /**
     * A client at the profile's API version, or — when that is {@link #AUTO} — at the cluster's current version,
     * asked with GetAPI at {@value ElementProfile#DEFAULT_API_VERSION} (where the bulk methods are documented as new).
     */
    public static ElementClient connect(ElementProfile profile) throws TransferException {
        if (!AUTO.equalsIgnoreCase(profile.apiVersion())) {
            return new ElementClient(profile);
        }
        ApiVersions v = new ElementClient(profile.withApiVersion(ElementProfile.DEFAULT_API_VERSION)).getApi();
        if (v.currentVersion().isBlank()) {
            throw new TransferException(ErrorCode.UNKNOWN, profile.endpoint(), "GetAPI returned no currentVersion");
        }
        return new ElementClient(profile.withApiVersion(v.currentVersion()));
    }

    /** GetAPI: the current and supported API versions. */
    public ApiVersions getApi() throws TransferException {
        JsonNode r = call("GetAPI", MAPPER.createObjectNode());
        List<String> supported = new ArrayList<>();
        r.path("supportedVersions").forEach(n -> supported.add(n.asText()));
        return new ApiVersions(Json.text(r, "currentVersion"), supported);
    }

    public ElementProfile profile() {
        return profile;
    }

    /**
     * The HTTP client for a job's data on a node's web server: the same pinned TLS and timeouts, without the
     * admin credentials (they are added per JSON-RPC call, never here).
     */
    OkHttpClient dataHttp() {
        return http;
    }

    /**
     * The connection manager's Test button: one authenticated call (ListBulkVolumeJobs) through the pinned TLS.
     * Returns a line for the operator; throws with the reason otherwise.
     */
    public String testConnection() throws TransferException {
        int n = listBulkVolumeJobs().size();
        return "connected to " + profile.endpoint() + " (API " + profile.apiVersion() + ") as " + profile.username() + "; "
                + n + " bulk volume job" + (n == 1 ? "" : "s") + " running";
    }

    /** Calls {@code method} with named {@code params} and returns its {@code result}. */
    public JsonNode call(String method, ObjectNode params) throws TransferException {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("method", method);
        envelope.set("params", params == null ? MAPPER.createObjectNode() : params);
        long id = ids.incrementAndGet();
        envelope.put("id", id);
        String url = profile.rpcUrl();
        Request req = new Request.Builder()
                .url(url)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .post(RequestBody.create(envelope.toString(), JSON))
                .build();
        int status;
        String contentType;
        String body;
        try (Response resp = http.newCall(req).execute()) {
            status = resp.code();
            contentType = resp.header("Content-Type");
            body = resp.body().string();
        } catch (IOException e) {
            CertificatePinMismatchException pin = findPinMismatch(e);
            if (pin != null) {
                throw new TransferException(ErrorCode.FAILED_PRECONDITION, profile.endpoint(), pin.getMessage(), e);
            }
            if (method.startsWith("Start") && RemoteFailures.mayHaveReachedServer(e)) {
                // a bulk volume job may now run on the cluster: never started twice by a retry
                throw RemoteFailures.outcomeUnknown(e, url + " (" + method + ")", method + " for volume "
                        + envelope.path("params").path("volumeID").asText("?"), "the cluster's bulk volume jobs (ListBulkVolumeJobs,"
                        + " Element UI → Reporting → Running Tasks)");
            }
            throw RemoteFailures.io(e, url + " (" + method + ")");
        }
        return readResult(status, contentType, body, url, method);
    }

    /**
     * A JSON-RPC answer: its {@code result}, or the error it carries ({@link ElementRpcException} for an error
     * object; HTML pages, malformed JSON and answers with neither result nor error as TransferExceptions).
     */
    static JsonNode readResult(int status, String contentType, String body, String url, String method)
            throws TransferException {
        if (status == 401) {
            throw new TransferException(ErrorCode.UNAUTHENTICATED, url,
                    "the cluster rejected the username or password (HTTP 401) for " + method
                            + ": check the cluster admin account in the profile");
        }
        if (!RemoteFailures.looksLikeJson(body)) {
            throw RemoteFailures.notJson(status, contentType, body, url + " (" + method + ")");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw RemoteFailures.malformedJson(status, body, e, url + " (" + method + ")");
        }
        JsonNode error = tree.get("error");
        if (error != null && !error.isNull()) {
            throw new ElementRpcException(url, method, Json.text(error, "name"), Json.longValue(error, "code"),
                    Json.text(error, "message"));
        }
        JsonNode result = tree.get("result");
        if (result == null || result.isNull()) {
            if (status >= 400) {
                throw new TransferException(ErrorCode.fromHttpStatus(status), url,
                        "HTTP " + status + " from " + method + " with no JSON-RPC error: " + RemoteFailures.snippet(body));
            }
            throw new TransferException(ErrorCode.UNKNOWN, url,
                    method + " returned neither result nor error: " + RemoteFailures.snippet(body));
        }
        return result;
    }

    private static CertificatePinMismatchException findPinMismatch(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertificatePinMismatchException p) {
                return p;
            }
            for (Throwable s : c.getSuppressed()) {
                CertificatePinMismatchException p = findPinMismatch(s);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    public StartedBulkVolumeJob startBulkVolumeRead(BulkVolumeRequest r) throws TransferException {
        return StartedBulkVolumeJob.from(call("StartBulkVolumeRead", startParams(r, true)));
    }

    public StartedBulkVolumeJob startBulkVolumeWrite(BulkVolumeRequest r) throws TransferException {
        return StartedBulkVolumeJob.from(call("StartBulkVolumeWrite", startParams(r, false)));
    }

    /**
     * What {@link #startMarked} got: the started job, or — when the start's answer was lost — the job found by the
     * marker ({@code asyncHandle} -1, no url: ListBulkVolumeJobs gives neither) and the failure on the wire.
     */
    public record MarkedStart(StartedBulkVolumeJob job, TransferException lostAnswer) {
        public boolean foundByMarker() {
            return lostAnswer != null;
        }
    }

    /**
     * StartBulkVolumeRead ({@code read}) or StartBulkVolumeWrite carrying {@code marker} in its attributes as
     * {@value ElementOptions#MARKER_ATTRIBUTE}. When the start gets no answer (it may have reached the cluster), the
     * marker is looked up with ListBulkVolumeJobs at once: found → that job; not found → it did not start: a
     * TransferException with the wire's code (DEADLINE_EXCEEDED, UNAVAILABLE…), safe to start again with the same
     * marker; the lookup failing too → its code, saying the job may have started and to look for the marker first.
     */
    public MarkedStart startMarked(boolean read, BulkVolumeRequest request, String marker) throws TransferException {
        String method = read ? "StartBulkVolumeRead" : "StartBulkVolumeWrite";
        BulkVolumeRequest r;
        try {
            r = request.withAttribute(ElementOptions.MARKER_ATTRIBUTE, marker);
        } catch (IllegalArgumentException e) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, profile.endpoint(), e.getMessage());
        }
        try {
            return new MarkedStart(read ? startBulkVolumeRead(r) : startBulkVolumeWrite(r), null);
        } catch (RemoteFailures.OutcomeUnknown lost) {
            TransferException wire = lost.transport();
            String what = method + " for volume " + r.volumeID() + " got no answer";
            List<BulkVolumeJob> found;
            try {
                found = findJobsByAttribute(ElementOptions.MARKER_ATTRIBUTE, marker);
            } catch (TransferException lookup) {
                throw new TransferException(lookup.code(), profile.rpcUrl(), what + " (" + wire.code() + ") and looking for"
                        + " its job failed too (" + lookup.getMessage() + "); it may have started: look for marker "
                        + ElementOptions.MARKER_ATTRIBUTE + "=" + marker + " in ListBulkVolumeJobs before starting again"
                        + " (the next attempt does)", lookup);
            }
            if (found.isEmpty()) {
                throw new TransferException(wire.code(), profile.rpcUrl(), what + " (" + wire.getMessage() + ") and no bulk"
                        + " volume job carries Ferry's marker " + ElementOptions.MARKER_ATTRIBUTE + "=" + marker
                        + ": it did not start; it is safe to start it again", lost);
            }
            return new MarkedStart(new StartedBulkVolumeJob(-1, found.getFirst().key(), ""), new TransferException(wire.code(),
                    profile.rpcUrl(), what + ": " + wire.getMessage() + "; found its job " + found.getFirst().key()
                    + " through ListBulkVolumeJobs by marker " + ElementOptions.MARKER_ATTRIBUTE + "=" + marker));
        }
    }

    private static ObjectNode startParams(BulkVolumeRequest r, boolean read) throws TransferException {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("volumeID", r.volumeID());
        p.put("format", r.format());
        if (read && r.snapshotID() >= 0) {
            p.put("snapshotID", r.snapshotID());
        }
        if (!r.script().isBlank()) {
            p.put("script", r.script());
        }
        if (!r.scriptParameters().isBlank()) {
            p.set("scriptParameters", jsonObject("scriptParameters", r.scriptParameters()));
        }
        if (!r.attributes().isBlank()) {
            p.set("attributes", jsonObject("attributes", r.attributes()));
        }
        return p;
    }

    private static JsonNode jsonObject(String what, String text) throws TransferException {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        // never echo scriptParameters: it carries S3 secrets
        throw new TransferException(ErrorCode.INVALID_ARGUMENT, "", what + " must be a JSON object");
    }

    public List<BulkVolumeJob> listBulkVolumeJobs() throws TransferException {
        JsonNode r = call("ListBulkVolumeJobs", MAPPER.createObjectNode());
        return bulkVolumeJobs(r);
    }

    /** The listed jobs whose attributes carry {@code name} = {@code value} (ListBulkVolumeJobs, filtered here). */
    public List<BulkVolumeJob> findJobsByAttribute(String name, String value) throws TransferException {
        return listBulkVolumeJobs().stream().filter(j -> value.equals(j.attributes().get(name))).toList();
    }

    /** ListBulkVolumeJobs' result: {@code bulkVolumeJobs[]}. */
    static List<BulkVolumeJob> bulkVolumeJobs(JsonNode result) {
        List<BulkVolumeJob> jobs = new ArrayList<>();
        for (JsonNode j : result.path("bulkVolumeJobs")) {
            jobs.add(BulkVolumeJob.from(j));
        }
        return jobs;
    }

    /** Always sends {@code keepResult: true}: without it the first read deletes the result for everyone. */
    public AsyncResult getAsyncResult(long asyncHandle) throws TransferException {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("asyncHandle", asyncHandle);
        p.put("keepResult", true);
        return AsyncResult.from(call("GetAsyncResult", p));
    }

    /**
     * Reports a job's state for jobs whose data Ferry itself moves: {@code status} running | complete | failed,
     * {@code percentComplete} as a string (as the API wants), optional message and attributes.
     */
    public BulkVolumeStatus updateBulkVolumeStatus(
            String key, String status, String percentComplete, String message, Map<String, ?> attributes)
            throws TransferException {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("key", key);
        if (status != null && !status.isBlank()) {
            p.put("status", status);
        }
        if (percentComplete != null && !percentComplete.isBlank()) {
            p.put("percentComplete", percentComplete);
        }
        if (message != null && !message.isBlank()) {
            p.put("message", message);
        }
        if (attributes != null && !attributes.isEmpty()) {
            p.set("attributes", MAPPER.valueToTree(attributes));
        }
        return BulkVolumeStatus.from(call("UpdateBulkVolumeStatus", p));
    }
}
