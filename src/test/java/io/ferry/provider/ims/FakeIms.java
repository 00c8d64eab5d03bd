package io.ferry.provider.ims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * An in-repo IAM + IMS for tests, following the documented API (seed 004, cloud-apis.md §3): {@code POST
 * /v3/auth/tokens} answers 201 with the token in X-Subject-Token and the project in the body (401 for wrong
 * credentials); IMS calls need a valid X-Auth-Token (otherwise 401 in the API gateway's APIGW.0301 shape);
 * {@code POST /v2/cloudimages/action} and {@code POST /v1/cloudimages/{id}/file} validate their body and return
 * {@code {"job_id"}}; {@code GET /v1/{project_id}/jobs/{job_id}} and {@code GET /v1/cloudimages/job/{job_id}}
 * return the job, one scripted frame per read (the last frame repeats). The seed-004 API leaves out
 * process_percent and current_task, as OTC's does.
 */
public final class FakeIms extends Dispatcher {
    static final ObjectMapper M = new ObjectMapper();
    public static final String PROJECT = "ac234de25c6741d2b1273da49eea1b9e";

    private final String domain;
    private final String user;
    private volatile String password;
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    private final Map<String, List<ObjectNode>> frames = new ConcurrentHashMap<>();
    private final Map<String, Integer> reads = new ConcurrentHashMap<>();
    private final Map<String, String> types = new ConcurrentHashMap<>();
    private final AtomicInteger jobCounter = new AtomicInteger();
    volatile boolean progressApi = true;
    volatile boolean rejectEveryToken;
    private volatile List<ObjectNode> nextScript = List.of();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<MockResponse> faults = new ConcurrentLinkedQueue<>();

    public FakeIms(String domain, String user, String password) {
        this.domain = domain;
        this.user = user;
        this.password = password;
    }

    /** Frames (job JSON without job_id/job_type, which the fake fills in) for the next job created. */
    public void scriptNextJob(String... jsonFrames) {
        nextScript = parse(jsonFrames);
    }

    public void addJob(String jobId, String jobType, String... jsonFrames) {
        frames.put(jobId, parse(jsonFrames));
        types.put(jobId, jobType);
    }

    void expireAllTokens() {
        validTokens.clear();
    }

    void changePassword(String p) {
        this.password = p;
        validTokens.clear();
    }

    public int tokensIssued() {
        return tokenCounter.get();
    }

    public long count(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.getMethod().equals(method) && r.getUrl().encodedPath().startsWith(pathPrefix)).count();
    }

    private static List<ObjectNode> parse(String... json) {
        List<ObjectNode> l = new ArrayList<>();
        for (String j : json) {
            try {
                l.add((ObjectNode) M.readTree(j));
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }
        return l;
    }

    @Override
    public MockResponse dispatch(RecordedRequest r) {
        requests.add(r);
        MockResponse fault = faults.poll();
        if (fault != null) {
            return fault;
        }
        String path = r.getUrl().encodedPath();
        if (path.equals("/v3/auth/tokens") && r.getMethod().equals("POST")) {
            return token(r);
        }
        String token = r.getHeaders().get("X-Auth-Token");
        if (rejectEveryToken || token == null || !validTokens.contains(token)) {
            return json(401, "{\"error_msg\": \"Incorrect IAM authentication information: "
                    + (token == null ? "x-auth-token not found" : "decrypt token fail")
                    + "\", \"error_code\": \"APIGW.0301\", \"request_id\": \"7b1f8c2e\"}");
        }
        String[] seg = path.substring(1).split("/");
        if (r.getMethod().equals("POST") && path.equals("/v2/cloudimages/action")) {
            return importImage(body(r));
        }
        if (r.getMethod().equals("POST") && seg.length == 4 && seg[0].equals("v1") && seg[1].equals("cloudimages") && seg[3].equals("file")) {
            return exportImage(body(r));
        }
        if (r.getMethod().equals("GET") && seg.length == 4 && seg[0].equals("v1") && seg[1].equals("cloudimages") && seg[2].equals("job")) {
            if (!progressApi) {
                return json(404, "{\"error_code\": \"APIGW.0101\", \"error_msg\": \"The API does not exist or has not been published in the environment\", \"request_id\": \"a1\"}");
            }
            return job(seg[3], true);
        }
        if (r.getMethod().equals("GET") && seg.length == 4 && seg[0].equals("v1") && seg[2].equals("jobs")) {
            if (!seg[1].equals(PROJECT)) {
                return json(403, "{\"error\": {\"code\": \"IMG.0026\", \"message\": \"You do not have the rights to perform the operation.\"}}");
            }
            return job(seg[3], false);
        }
        return json(404, "{\"error_code\": \"APIGW.0101\", \"error_msg\": \"The API does not exist or has not been published in the environment\", \"request_id\": \"a2\"}");
    }

    private static JsonNode body(RecordedRequest r) {
        try {
            return M.readTree(r.getBody().utf8());
        } catch (Exception e) {
            return M.createObjectNode();
        }
    }

    private MockResponse token(RecordedRequest r) {
        JsonNode b = body(r);
        JsonNode u = b.path("auth").path("identity").path("password").path("user");
        boolean ok = b.path("auth").path("identity").path("methods").toString().contains("password")
                && user.equals(u.path("name").asText()) && password.equals(u.path("password").asText())
                && domain.equals(u.path("domain").path("name").asText());
        if (!ok) {
            return json(401, "{\"error\": {\"code\": 401, \"message\": \"The username or password is wrong.\", \"title\": \"Unauthorized\"}}");
        }
        String tok = "MIIT" + tokenCounter.incrementAndGet() + "XXXX";
        validTokens.add(tok);
        String projectName = b.path("auth").path("scope").path("project").path("name").asText("eu-de");
        return new MockResponse.Builder().code(201).addHeader("X-Subject-Token", tok)
                .addHeader("Content-Type", "application/json")
                .body("{\"token\": {\"methods\": [\"password\"], \"expires_at\": \"2099-11-09T01:42:57.527363Z\","
                        + " \"issued_at\": \"2026-11-23T00:42:57.527404Z\", \"project\": {\"id\": \"" + PROJECT
                        + "\", \"name\": \"" + projectName + "\"}}}")
                .build();
    }

    private MockResponse importImage(JsonNode b) {
        if (b.path("name").asText("").isBlank() || !b.path("image_url").asText("").contains(":")
                || !b.path("min_disk").isInt()) {
            return json(400, "{\"error\": {\"message\": \"The parameter is invalid.\", \"code\": \"IMG.0024\"}}");
        }
        return created("imsImportImageJob");
    }

    private MockResponse exportImage(JsonNode b) {
        if (!Set.of("qcow2", "vhd", "zvhd", "vmdk", "zvhd2").contains(b.path("file_format").asText())
                || !b.path("bucket_url").asText("").contains(":")) {
            return json(400, "{\"error\": {\"message\": \"The file format is not supported.\", \"code\": \"IMG.0072\"}}");
        }
        return created("imsNativeExportImageJob");
    }

    private MockResponse created(String type) {
        String id = String.format("ff8080814dbd65d7014dbe0d84db%04d", jobCounter.incrementAndGet());
        frames.put(id, nextScript);
        types.put(id, type);
        return json(200, "{\"job_id\": \"" + id + "\"}");
    }

    private MockResponse job(String id, boolean progress) {
        List<ObjectNode> f = frames.get(id);
        if (f == null || f.isEmpty()) {
            // the IMS error shape is documented; this particular code is the fake's own
            return json(404, "{\"error\": {\"code\": \"IMG.0190\", \"message\": \"The job does not exist.\"}}");
        }
        int n = reads.merge(id, 1, Integer::sum) - 1;
        ObjectNode frame = f.get(Math.min(n, f.size() - 1)).deepCopy();
        ObjectNode out = M.createObjectNode();
        out.put("job_id", id);
        out.put("job_type", types.get(id));
        out.put("begin_time", "2026-11-23T11:00:00.000Z");
        out.setAll(frame);
        if (!progress && out.path("entities").isObject()) {
            ((ObjectNode) out.get("entities")).remove(List.of("process_percent", "current_task"));
        }
        return json(200, out.toString());
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
}
