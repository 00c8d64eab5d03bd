package io.ferry.provider.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * An in-repo Storage Transfer Service (test scope) on MockWebServer, following the documented REST API
 * (cloud-apis.md §1.2–1.4, §6): transferOperations list (JSON filter: camelCase or snake_case keys, nulls,
 * case-insensitive statuses; pageSize/pageToken) / get / :pause / :resume / :cancel, transferJobs list / get
 * (projectId required, 403 without, as the real API) / :run, googleServiceAccounts.get, and an OAuth token endpoint that verifies the RS256
 * JWT assertion against the test service account's public key. Bearer tokens are checked on every API call
 * (401 with Google's body otherwise).
 *
 * <p>Time moves with polls: each transferOperations.get reports the operation's state, then moves a planned
 * operation one step on — QUEUED → IN_PROGRESS (each planned counter step in turn) → SUCCESS or FAILED (done: true
 * with an Empty response and no error, as the real service does). Pause gives SUSPENDING, reported once, then
 * PAUSED; a cancel is asynchronous: ABORTED from the get after the next one. Payloads stored with {@link #putVerbatim} are replayed exactly as given.
 */
public final class FakeStorageTransferServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String OP_TYPE = "type.googleapis.com/google.storagetransfer.v1.TransferOperation";

    private final MockWebServer server = new MockWebServer();
    private final Map<String, FakeOperation> operations = new LinkedHashMap<>();
    private final Map<String, String> verbatim = new HashMap<>();
    private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
    private final Deque<MockResponse> injected = new ConcurrentLinkedDeque<>();
    private final Set<String> validTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<RecordedRequest> apiRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger runs = new AtomicInteger();
    private volatile PublicKey serviceAccountKey;
    private volatile String serviceAccountEmail;
    /** Tokens issued from this number on are accepted; earlier ones count as revoked. */
    private volatile int firstAcceptedToken = 1;
    private volatile boolean refuseTokens;
    private volatile int pageSizeCap = 256;
    private volatile int operationHiddenPolls;

    public FakeStorageTransferServer() throws IOException {
        this(null, java.net.InetAddress.getLoopbackAddress());
    }

    /**
     * Over TLS when {@code tls} is given (API and token endpoint alike: the key file's token_uri is then https),
     * listening on {@code address}.
     */
    public FakeStorageTransferServer(javax.net.ssl.SSLSocketFactory tls, java.net.InetAddress address) throws IOException {
        if (tls != null) {
            server.useHttps(tls);
        }
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return handle(request);
                } catch (RuntimeException e) {
                    return error(500, "INTERNAL", "fake server: " + e);
                }
            }
        });
        server.start(address, 0);
    }

    /** Every request that reached the server, the token endpoint's included. */
    public int requestCount() {
        return server.getRequestCount();
    }

    public HttpUrl endpoint() {
        return server.url("/");
    }

    public java.net.URI tokenUri() {
        return server.url("/token").uri();
    }

    /** A token the API accepts without going through the token endpoint. */
    public String acceptToken(String token) {
        validTokens.add(token);
        return token;
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Every token issued before the next one is refused by the API from now on (as after a revocation). */
    public void revokeIssuedTokens() {
        validTokens.clear();
        firstAcceptedToken = tokensIssued.get() + 1;
    }

    /** The API refuses every token, old and new. */
    public void refuseAllTokens() {
        validTokens.clear();
        firstAcceptedToken = Integer.MAX_VALUE;
    }

    /** The token endpoint answers 400 invalid_grant. */
    public void refuseTokenRequests() {
        refuseTokens = true;
    }

    public void pageSizeCap(int cap) {
        pageSizeCap = cap;
    }

    /** The next operation created by a run answers 404 for this many gets (the service lists new runs late). */
    public void hideNewOperationsFor(int polls) {
        operationHiddenPolls = polls;
    }

    /** The next API answer (after auth) is this, whatever was asked. */
    public void inject(MockResponse response) {
        injected.add(response);
    }

    public List<RecordedRequest> apiRequests() {
        return List.copyOf(apiRequests);
    }

    /**
     * Writes a service-account key file for a fresh RSA key whose token_uri points here; the token endpoint
     * verifies assertions against its public key.
     */
    private static KeyPair testKey;

    /** One RSA-2048 key per test run, generated here (never a key checked into the repository). */
    private static synchronized KeyPair testKey() throws Exception {
        if (testKey == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            testKey = g.generateKeyPair();
        }
        return testKey;
    }

    public Path writeServiceAccountKey(Path dir, String projectId) throws Exception {
        KeyPair kp = testKey();
        serviceAccountKey = kp.getPublic();
        serviceAccountEmail = "ferry-test@" + projectId + ".iam.gserviceaccount.com";
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(kp.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode key = JSON.createObjectNode()
                .put("type", "service_account")
                .put("project_id", projectId)
                .put("private_key_id", "0123456789abcdef")
                .put("private_key", pem)
                .put("client_email", serviceAccountEmail)
                .put("client_id", "100000000000000000001")
                .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
                .put("token_uri", tokenUri().toString());
        Path file = dir.resolve("sa-key.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(key));
        return file;
    }

    // ---------------------------------------------------------------------------------------------- model

    /** Adds an operation that moves through {@code steps} (counters per IN_PROGRESS poll) to its outcome. */
    public synchronized FakeOperation addOperation(String jobId, String projectId, List<Map<String, String>> steps) {
        String name = "transferOperations/transferJobs-" + jobId + "-" + (1532468269728367L + operations.size());
        FakeOperation op = new FakeOperation(name, projectId, "transferJobs/" + jobId, new LinkedList<>(steps));
        operations.put(name, op);
        return op;
    }

    /** Stores an Operation JSON that get (and list, for its project) replays verbatim. */
    public synchronized void putVerbatim(String name, String json) {
        verbatim.put(name, json);
    }

    public synchronized ObjectNode addJob(String jobId, String projectId) {
        ObjectNode j = JSON.createObjectNode()
                .put("name", "transferJobs/" + jobId)
                .put("description", "nightly mirror " + jobId)
                .put("projectId", projectId)
                .put("status", "ENABLED")
                .put("creationTime", "2026-11-20T10:00:00.123456789Z")
                .put("lastModificationTime", "2026-11-20T10:00:00.123456789Z");
        ObjectNode spec = j.putObject("transferSpec");
        spec.putObject("awsS3DataSource").put("bucketName", "src-" + jobId);
        spec.putObject("gcsDataSink").put("bucketName", "dst-" + jobId);
        jobs.put("transferJobs/" + jobId, j);
        return j;
    }

    public synchronized FakeOperation operation(String name) {
        return operations.get(name);
    }

    public int runs() {
        return runs.get();
    }

    public final class FakeOperation {
        final String name;
        final String projectId;
        final String jobName;
        final Deque<Map<String, String>> steps;
        String status = "QUEUED";
        Map<String, String> counters = new LinkedHashMap<>();
        String outcome = "SUCCESS";
        ArrayNode errorBreakdowns;
        boolean cancelRequested;
        String statusOverride;
        int hiddenPolls;
        boolean held;
        final List<String> reported = new ArrayList<>();
        final String startTime = "2026-11-23T09:30:00.137253075Z";
        String endTime;

        FakeOperation(String name, String projectId, String jobName, Deque<Map<String, String>> steps) {
            this.name = name;
            this.projectId = projectId;
            this.jobName = jobName;
            this.steps = steps;
        }

        public String name() {
            return name;
        }

        /** Ends FAILED with this breakdown instead of SUCCESS. */
        public FakeOperation failsWith(String errorCode, String count, String url, String detail) {
            outcome = "FAILED";
            errorBreakdowns = JSON.createArrayNode();
            ObjectNode e = errorBreakdowns.addObject().put("errorCode", errorCode).put("errorCount", count);
            e.putArray("errorLogEntries").addObject().put("url", url).putArray("errorDetails").add(detail);
            return this;
        }

        /** While held, an IN_PROGRESS operation makes no progress (pause, resume and cancel still act). */
        public FakeOperation hold(boolean hold) {
            synchronized (FakeStorageTransferServer.this) {
                held = hold;
            }
            return this;
        }

        /** Reports this raw status once, at the next get (e.g. one the client does not know). */
        public FakeOperation reportOnce(String rawStatus) {
            statusOverride = rawStatus;
            return this;
        }

        /** Every status get has answered, in order, repeats collapsed. */
        public List<String> reportedStatuses() {
            synchronized (FakeStorageTransferServer.this) {
                List<String> out = new ArrayList<>();
                for (String r : reported) {
                    if (out.isEmpty() || !out.getLast().equals(r)) {
                        out.add(r);
                    }
                }
                return out;
            }
        }

        public String status() {
            synchronized (FakeStorageTransferServer.this) {
                return status;
            }
        }

        void advance() {
            if (cancelRequested && !isFinal()) {
                status = "ABORTED";
                endTime = "2026-11-23T09:45:00Z";
                return;
            }
            if (held && status.equals("IN_PROGRESS")) {
                return;
            }
            switch (status) {
                case "QUEUED", "IN_PROGRESS" -> {
                    if (!steps.isEmpty()) {
                        status = "IN_PROGRESS";
                        counters = new LinkedHashMap<>(steps.poll());
                    } else if (status.equals("QUEUED")) {
                        status = "IN_PROGRESS";
                    } else {
                        status = outcome;
                        endTime = "2026-11-23T09:40:21.712774025Z";
                    }
                }
                case "SUSPENDING" -> status = "PAUSED";
                default -> {}
            }
        }

        boolean isFinal() {
            return Set.of("SUCCESS", "FAILED", "ABORTED").contains(status);
        }

        ObjectNode toJson(String reportedStatus) {
            ObjectNode op = JSON.createObjectNode().put("name", name);
            ObjectNode md = op.putObject("metadata");
            md.put("@type", OP_TYPE).put("name", name).put("projectId", projectId);
            ObjectNode spec = md.putObject("transferSpec");
            spec.putObject("awsS3DataSource").put("bucketName", "src-bucket");
            spec.putObject("gcsDataSink").put("bucketName", "dst-bucket");
            md.put("startTime", startTime);
            if (endTime != null) {
                md.put("endTime", endTime);
            }
            md.put("status", reportedStatus);
            ObjectNode c = md.putObject("counters");
            counters.forEach((k, v) -> {
                if (!"0".equals(v)) {
                    c.put(k, v); // proto3 JSON omits zero counters
                }
            });
            if (errorBreakdowns != null && !status.equals("QUEUED")) { // errors show up while it runs
                md.set("errorBreakdowns", errorBreakdowns);
            }
            md.put("transferJobName", jobName);
            if (isFinal()) {
                op.put("done", true); // FAILED too: done with an Empty response, never an error
                op.putObject("response").put("@type", "type.googleapis.com/google.protobuf.Empty");
            }
            return op;
        }
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    private MockResponse handle(RecordedRequest r) throws RuntimeException {
        HttpUrl url = r.getUrl();
        String path = url.encodedPath();
        if (path.equals("/token")) {
            return token(r);
        }
        apiRequests.add(r);
        String auth = r.getHeaders().get("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !accepted(auth.substring(7))) {
            return json(401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.\",\"status\":\"UNAUTHENTICATED\"}}");
        }
        MockResponse fault = injected.poll();
        if (fault != null) {
            return fault;
        }
        synchronized (this) {
            String method = r.getMethod();
            if (method.equals("GET") && path.equals("/v1/transferOperations")) {
                return listOperations(url);
            }
            if (method.equals("GET") && path.equals("/v1/transferJobs")) {
                return listJobs(url);
            }
            String decoded = URLDecoder.decode(path, StandardCharsets.UTF_8);
            if (method.equals("GET") && decoded.startsWith("/v1/googleServiceAccounts/")) {
                String project = decoded.substring("/v1/googleServiceAccounts/".length());
                return json(200, "{\"accountEmail\":\"project-" + project.length()
                        + "@storage-transfer-service.iam.gserviceaccount.com\",\"subjectId\":\"1234567890\"}");
            }
            if (decoded.startsWith("/v1/transferOperations/")) {
                String rest = decoded.substring("/v1/".length());
                int colon = rest.lastIndexOf(':');
                if (method.equals("POST") && colon > 0) {
                    return operationAction(rest.substring(0, colon), rest.substring(colon + 1));
                }
                if (method.equals("GET")) {
                    return getOperation(rest);
                }
            }
            if (decoded.startsWith("/v1/transferJobs/")) {
                String rest = decoded.substring("/v1/".length());
                int colon = rest.lastIndexOf(':');
                if (method.equals("POST") && colon > 0 && rest.substring(colon + 1).equals("run")) {
                    return runJob(rest.substring(0, colon), r.getBody() == null ? "" : r.getBody().utf8());
                }
                if (method.equals("GET")) {
                    return getJob(rest, url.queryParameter("projectId"));
                }
            }
            return error(404, "NOT_FOUND", "Requested entity was not found.");
        }
    }

    private boolean accepted(String token) {
        if (validTokens.contains(token)) {
            return true;
        }
        if (token.startsWith("ya29.fake-")) {
            try {
                int n = Integer.parseInt(token.substring("ya29.fake-".length()));
                return n >= firstAcceptedToken && n <= tokensIssued.get();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private MockResponse token(RecordedRequest r) {
        Map<String, String> form = new HashMap<>();
        for (String pair : r.getBody().utf8().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (refuseTokens) {
            return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return json(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"Invalid grant_type: " + form.get("grant_type") + "\"}");
        }
        String problem = verifyAssertion(form.getOrDefault("assertion", ""));
        if (problem != null) {
            return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}");
        }
        int n = tokensIssued.incrementAndGet();
        return json(200, "{\"access_token\":\"ya29.fake-" + n + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }

    /** RS256 signature against the test key; iss, scope, aud and exp as Google's token endpoint requires. */
    private String verifyAssertion(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3 || serviceAccountKey == null) {
            return "malformed assertion";
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initVerify(serviceAccountKey);
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!"RS256".equals(header.path("alg").asText()) || !sig.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "Invalid JWT Signature.";
            }
            if (!serviceAccountEmail.equals(claims.path("iss").asText())) {
                return "wrong iss " + claims.path("iss").asText();
            }
            if (!claims.path("scope").asText().contains("https://www.googleapis.com/auth/cloud-platform")) {
                return "missing cloud-platform scope: " + claims.path("scope").asText();
            }
            // Google's token endpoint wants its own URL as the audience, wherever the request was sent
            if (!"https://oauth2.googleapis.com/token".equals(claims.path("aud").asText())) {
                return "wrong aud " + claims.path("aud").asText();
            }
            long exp = claims.path("exp").asLong();
            long iat = claims.path("iat").asLong();
            if (exp - iat > 3600 || exp < Instant.now().getEpochSecond()) {
                return "bad exp";
            }
            return null;
        } catch (Exception e) {
            return "unreadable assertion: " + e.getMessage();
        }
    }

    private MockResponse listOperations(HttpUrl url) {
        JsonNode filter = filter(url);
        if (filter == null) {
            return error(400, "INVALID_ARGUMENT", "Filter is required and must be a JSON object.");
        }
        String project = key(filter, "projectId", "project_id").asText("");
        if (project.isEmpty()) {
            return error(400, "INVALID_ARGUMENT", "Project id is required in the filter.");
        }
        Set<String> jobNames = strings(key(filter, "jobNames", "job_names"), false);
        Set<String> opNames = strings(key(filter, "operationNames", "operation_names"), false);
        Set<String> statuses = strings(key(filter, "transferStatuses", "transfer_statuses"), true);
        List<ObjectNode> matches = new ArrayList<>();
        List<String> names = new ArrayList<>(operations.keySet());
        java.util.Collections.reverse(names); // newest first
        for (String n : names) {
            FakeOperation op = operations.get(n);
            if (op.hiddenPolls > 0) {
                continue;
            }
            if (!op.projectId.equals(project) || (!jobNames.isEmpty() && !jobNames.contains(op.jobName))
                    || (!opNames.isEmpty() && !opNames.contains(n)) || (!statuses.isEmpty() && !statuses.contains(op.status))) {
                continue;
            }
            matches.add(op.toJson(op.status));
        }
        for (var e : verbatim.entrySet()) {
            try {
                JsonNode v = JSON.readTree(e.getValue());
                if (v.path("metadata").path("projectId").asText().equals(project) && (opNames.isEmpty() || opNames.contains(e.getKey()))) {
                    matches.add((ObjectNode) v);
                }
            } catch (IOException notJson) {
                // verbatim garbage is served by get only
            }
        }
        return page(url, matches, "operations");
    }

    private MockResponse page(HttpUrl url, List<ObjectNode> items, String field) {
        int size = 256;
        String ps = url.queryParameter("pageSize");
        if (ps != null) {
            size = Integer.parseInt(ps);
        }
        size = Math.min(size, pageSizeCap);
        int from = 0;
        String token = url.queryParameter("pageToken");
        if (token != null && !token.isEmpty()) {
            if (!token.startsWith("page-")) {
                return error(400, "INVALID_ARGUMENT", "Invalid page token.");
            }
            from = Integer.parseInt(token.substring(5));
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode arr = out.putArray(field);
        int to = Math.min(items.size(), from + size);
        for (int i = from; i < to; i++) {
            arr.add(items.get(i));
        }
        if (to < items.size()) {
            out.put("nextPageToken", "page-" + to);
        }
        return json(200, out.toString());
    }

    private MockResponse getOperation(String name) {
        if (verbatim.containsKey(name)) {
            return json(200, verbatim.get(name));
        }
        FakeOperation op = operations.get(name);
        if (op == null) {
            return error(404, "NOT_FOUND", "Requested entity was not found.");
        }
        if (op.hiddenPolls > 0) {
            op.hiddenPolls--;
            return error(404, "NOT_FOUND", "Requested entity was not found.");
        }
        String reported = op.status;
        if (op.statusOverride != null) {
            reported = op.statusOverride;
            op.statusOverride = null;
        }
        op.reported.add(reported);
        String body = op.toJson(reported).toString();
        op.advance(); // the service moves on between this poll and the next
        return json(200, body);
    }

    private MockResponse operationAction(String name, String action) {
        FakeOperation op = operations.get(name);
        if (op == null) {
            return error(404, "NOT_FOUND", "Requested entity was not found.");
        }
        switch (action) {
            case "pause" -> {
                if (!op.status.equals("IN_PROGRESS")) {
                    return error(400, "FAILED_PRECONDITION", "Operation " + name + " is not in progress; it is " + op.status + ".");
                }
                op.status = "SUSPENDING";
            }
            case "resume" -> {
                if (!op.status.equals("PAUSED")) {
                    return error(400, "FAILED_PRECONDITION", "Operation " + name + " is not paused; it is " + op.status + ".");
                }
                op.status = "IN_PROGRESS";
            }
            case "cancel" -> op.cancelRequested = true; // "if not running, cancel does nothing"
            default -> {
                return error(404, "NOT_FOUND", "Unknown method " + action);
            }
        }
        return json(200, "{}");
    }

    private MockResponse listJobs(HttpUrl url) {
        JsonNode filter = filter(url);
        if (filter == null || key(filter, "projectId", "project_id").asText("").isEmpty()) {
            return error(400, "INVALID_ARGUMENT", "Filter with a projectId is required.");
        }
        String project = key(filter, "projectId", "project_id").asText();
        Set<String> names = strings(key(filter, "jobNames", "job_names"), false);
        Set<String> statuses = strings(key(filter, "jobStatuses", "job_statuses"), true);
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode j : jobs.values()) {
            if (j.path("projectId").asText().equals(project) && (names.isEmpty() || names.contains(j.path("name").asText()))
                    && (statuses.isEmpty() || statuses.contains(j.path("status").asText()))) {
                out.add(j);
            }
        }
        return page(url, out, "transferJobs");
    }

    private MockResponse getJob(String name, String projectId) {
        if (projectId == null || projectId.isEmpty()) {
            return json(403, "{\"error\":{\"code\":403,\"message\":\"The caller does not have permission\",\"errors\":[{\"message\":\"The caller does not have permission\",\"domain\":\"global\",\"reason\":\"forbidden\"}],\"status\":\"PERMISSION_DENIED\"}}");
        }
        ObjectNode j = jobs.get(name);
        if (j == null || !j.path("projectId").asText().equals(projectId)) {
            return error(404, "NOT_FOUND", "Transfer job " + name + " not found.");
        }
        return json(200, j.toString());
    }

    private MockResponse runJob(String name, String body) {
        ObjectNode j = jobs.get(name);
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
        }
        if (j == null || !j.path("projectId").asText().equals(req.path("projectId").asText())) {
            return error(404, "NOT_FOUND", "Transfer job " + name + " not found.");
        }
        for (FakeOperation op : operations.values()) {
            if (op.jobName.equals(name) && !op.isFinal()) {
                return error(409, "ALREADY_EXISTS", "A TransferJob has a maximum of one active TransferOperation.");
            }
        }
        runs.incrementAndGet();
        FakeOperation op = addOperation(name.substring("transferJobs/".length()), j.path("projectId").asText(),
                List.of(Map.of("objectsFoundFromSource", "3", "bytesFoundFromSource", "3000", "objectsCopiedToSink", "1", "bytesCopiedToSink", "1000"),
                        Map.of("objectsFoundFromSource", "3", "bytesFoundFromSource", "3000", "objectsCopiedToSink", "3", "bytesCopiedToSink", "3000")));
        op.hiddenPolls = operationHiddenPolls;
        operationHiddenPolls = 0;
        j.put("latestOperationName", op.name);
        ObjectNode resp = op.toJson("QUEUED");
        return json(200, resp.toString());
    }

    private static JsonNode filter(HttpUrl url) {
        String f = url.queryParameter("filter");
        if (f == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(f);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode key(JsonNode filter, String camel, String snake) {
        return filter.has(camel) ? filter.get(camel) : filter.path(snake);
    }

    private static Set<String> strings(JsonNode arr, boolean upper) {
        Set<String> out = new java.util.HashSet<>();
        if (arr != null && arr.isArray()) {
            arr.forEach(n -> out.add(upper ? n.asText().toUpperCase(Locale.ROOT) : n.asText()));
        }
        return out;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=UTF-8").body(body).build();
    }

    static MockResponse error(int http, String status, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("error").put("code", http).put("message", message).put("status", status);
        return json(http, e.toString());
    }

    @Override
    public void close() {
        server.close();
    }
}
