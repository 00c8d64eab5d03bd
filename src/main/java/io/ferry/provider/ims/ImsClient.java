package io.ferry.provider.ims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import io.ferry.provider.remote.RemoteFailures;
import io.ferry.provider.tls.Trust;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * IMS over HTTPS with an IAM token: query a job, import an image from OBS, export an image to OBS. A 401 renews
 * the token once and repeats the call; a second 401 is UNAUTHENTICATED and nothing is retried further. Error
 * bodies are read in both shapes: IMS's {@code {"error": {"code", "message"}}} and the API gateway's
 * {@code {"error_code", "error_msg", "request_id"}}. Thread-safe.
 */
public final class ImsClient {
    private static final MediaType JSON = MediaType.get("application/json;charset=utf8");
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final ImsProfile profile;
    private final OkHttpClient http;
    private final IamTokenSource tokens;
    private volatile boolean progressUnavailable;

    public ImsClient(ImsProfile profile) {
        this(profile, new OkHttpClient(), Clock.systemUTC());
    }

    /**
     * @throws IllegalArgumentException naming the profile's CA file when it cannot be read or holds no certificate
     */
    public ImsClient(ImsProfile profile, OkHttpClient base, Clock clock) {
        this.profile = profile;
        Trust trust;
        try {
            trust = Trust.systemOr(profile.caFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("IMS profile: " + e.getMessage(), e);
        }
        this.http = trust.apply(base.newBuilder())
                .connectTimeout(profile.timeout())
                .readTimeout(profile.timeout())
                .writeTimeout(profile.timeout())
                .retryOnConnectionFailure(false)
                .build();
        this.tokens = new IamTokenSource(profile, http, MAPPER, clock);
    }

    public ImsProfile profile() {
        return profile;
    }

    public IamTokenSource tokens() {
        return tokens;
    }

    /**
     * The connection manager's Test button: gets a token from IAM (a fresh one, never more than one attempt) and
     * returns a line for the operator; throws with IAM's reason otherwise.
     */
    public String testConnection() throws TransferException {
        tokens.reset();
        IamTokenSource.Token t = tokens.token();
        return "IAM issued a token for user " + profile.user() + " in project " + t.projectId()
                + (t.expiresAt() == null ? "" : " (valid until " + t.expiresAt() + ")") + "; IMS at " + profile.imsEndpoint();
    }

    /** The job's URL for the chosen API (what the breakdown's samples name). */
    public String jobUrl(ImsJobApi api, String jobId, String projectId) {
        HttpUrl.Builder b = base().newBuilder().addPathSegment("v1");
        if (api == ImsJobApi.PROGRESS) {
            b.addPathSegment("cloudimages").addPathSegment("job");
        } else {
            b.addPathSegment(projectId).addPathSegment("jobs");
        }
        return b.addPathSegment(jobId).build().toString();
    }

    /** The job's status; with {@link ImsJobApi#PROGRESS} falls back to the seed-004 API on 404/405. */
    public ImsJob getJob(String jobId, ImsJobApi api) throws TransferException {
        if (jobId == null || jobId.isBlank()) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, profile.imsEndpoint(), "a job id is required");
        }
        if (api == ImsJobApi.PROGRESS && !progressUnavailable) {
            try {
                return ImsJob.from(send(p -> jobUrl(ImsJobApi.PROGRESS, jobId, p), null, "query job " + jobId));
            } catch (TransferException e) {
                if (!(e instanceof ImsHttpException h) || (h.httpStatus() != 404 && h.httpStatus() != 405)
                        || h.vendorCode().startsWith("IMG.")) {
                    throw e;
                }
                progressUnavailable = true;
            }
        }
        return ImsJob.from(send(p -> jobUrl(ImsJobApi.JOBS, jobId, p), null, "query job " + jobId));
    }

    /** Starts creating an image from an image file in OBS; returns the job id. */
    public String importImage(ImageImportRequest r) throws TransferException {
        ObjectNode b = MAPPER.createObjectNode();
        b.put("name", r.name());
        if (!r.description().isBlank()) {
            b.put("description", r.description());
        }
        b.put("image_url", r.imageUrl());
        if (!r.osVersion().isBlank()) {
            b.put("os_version", r.osVersion());
        }
        b.put("min_disk", r.minDisk());
        if (!r.type().isBlank()) {
            b.put("type", r.type());
        }
        if (!r.tags().isEmpty()) {
            r.tags().forEach(b.putArray("tags")::add);
        }
        String url = base().newBuilder().addPathSegments("v2/cloudimages/action").build().toString();
        return jobId(send(p -> url, b, "import image " + r.name()), url);
    }

    /** Starts exporting an image to an OBS bucket; returns the job id. */
    public String exportImage(ImageExportRequest r) throws TransferException {
        ObjectNode b = MAPPER.createObjectNode();
        b.put("bucket_url", r.bucketUrl());
        b.put("file_format", r.fileFormat());
        b.put("is_quick_export", r.quickExport());
        String url = base().newBuilder().addPathSegments("v1/cloudimages").addPathSegment(r.imageId())
                .addPathSegment("file").build().toString();
        return jobId(send(p -> url, b, "export image " + r.imageId()), url);
    }

    static String jobId(JsonNode n, String url) throws TransferException {
        String id = n.path("job_id").asText("");
        if (id.isBlank()) {
            throw new TransferException(ErrorCode.UNKNOWN, url, "the response has no job_id: " + RemoteFailures.snippet(n.toString()));
        }
        return id;
    }

    private HttpUrl base() {
        HttpUrl u = HttpUrl.parse(profile.imsEndpoint());
        if (u == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + profile.imsEndpoint());
        }
        return u;
    }

    /** One call with the token; on 401 one renewal and one repeat, then UNAUTHENTICATED. */
    private JsonNode send(Function<String, String> urlForProject, JsonNode body, String what) throws TransferException {
        IamTokenSource.Token token = tokens.token();
        Attempt a = attempt(urlForProject.apply(token.projectId()), body, token, what);
        if (a.status == 401) {
            IamTokenSource.Token fresh = tokens.renew(token);
            a = attempt(urlForProject.apply(fresh.projectId()), body, fresh, what);
            if (a.status == 401) {
                throw new ImsHttpException(ErrorCode.UNAUTHENTICATED, a.url, 401, vendorCode(a.body),
                        "IMS rejected a freshly issued token for " + what + " (" + describeError(401, a.body, MAPPER)
                                + "); not retrying: check the user's permissions for IMS in this project");
            }
        }
        return readBody(a.status, a.contentType, a.body, a.url);
    }

    /** An answer's JSON, or the error it is (either IMS error shape, an HTML page, malformed JSON). */
    static JsonNode readBody(int status, String contentType, String body, String url) throws TransferException {
        if (status < 200 || status >= 300) {
            throw errorFor(status, body, url, MAPPER);
        }
        if (!RemoteFailures.looksLikeJson(body)) {
            throw RemoteFailures.notJson(status, contentType, body, url);
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw RemoteFailures.malformedJson(status, body, e, url);
        }
    }

    private record Attempt(String url, int status, String contentType, String body) {}

    /** A POST (import, export) that may have reached IMS is never repeated: see {@link RemoteFailures#outcomeUnknown}. */
    private Attempt attempt(String url, JsonNode body, IamTokenSource.Token token, String what) throws TransferException {
        Request.Builder b = new Request.Builder().url(url).header("X-Auth-Token", token.value())
                .header("Accept", "application/json");
        if (body != null) {
            b.post(RequestBody.create(body.toString(), JSON));
        }
        try (Response resp = http.newCall(b.build()).execute()) {
            return new Attempt(url, resp.code(), resp.header("Content-Type"), resp.body().string());
        } catch (IOException e) {
            if (body != null && RemoteFailures.mayHaveReachedServer(e)) {
                throw RemoteFailures.outcomeUnknown(e, url, "the request to " + what, "the IMS console (Image Management"
                        + " Service → Private Images) for the image, and its job");
            }
            throw RemoteFailures.io(e, url);
        }
    }

    /** An error response as an exception: vendor code mapped when known, else by HTTP status. */
    static TransferException errorFor(int status, String body, String url, ObjectMapper mapper) {
        if (!RemoteFailures.looksLikeJson(body)) {
            return RemoteFailures.notJson(status, null, body, url);
        }
        JsonNode n;
        try {
            n = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return RemoteFailures.malformedJson(status, body, e, url);
        }
        String vendor = vendorCode(n);
        ErrorCode code = ImsErrorCodes.isKnown(vendor) ? ImsErrorCodes.map(vendor) : ErrorCode.fromHttpStatus(status);
        return new ImsHttpException(code, url, status, vendor, describe(status, n));
    }

    /** "IMG.0024: The imagetype is invalid. (HTTP 400, request_id …)" from either error shape. */
    static String describeError(int status, String body, ObjectMapper mapper) {
        if (!RemoteFailures.looksLikeJson(body)) {
            return "HTTP " + status + ": " + RemoteFailures.snippet(body);
        }
        try {
            return describe(status, mapper.readTree(body));
        } catch (JsonProcessingException e) {
            return "HTTP " + status + ": " + RemoteFailures.snippet(body);
        }
    }

    private static String describe(int status, JsonNode n) {
        JsonNode err = n.path("error");
        String code;
        String message;
        if (err.isObject()) {
            code = ImsJob.text(err, "code");
            message = ImsJob.text(err, "message");
        } else {
            code = ImsJob.text(n, "error_code");
            message = ImsJob.text(n, "error_msg");
        }
        String requestId = ImsJob.text(n, "request_id");
        if (code.isEmpty() && message.isEmpty()) {
            return "HTTP " + status + ": " + RemoteFailures.snippet(n.toString());
        }
        return (code.isEmpty() ? "" : code + ": ") + message + " (HTTP " + status
                + (requestId.isEmpty() ? "" : ", request_id " + requestId) + ")";
    }

    private static String vendorCode(JsonNode n) {
        JsonNode err = n.path("error");
        return err.isObject() ? ImsJob.text(err, "code") : ImsJob.text(n, "error_code");
    }

    private static String vendorCode(String body) {
        try {
            return RemoteFailures.looksLikeJson(body) ? vendorCode(MAPPER.readTree(body)) : "";
        } catch (JsonProcessingException e) {
            return "";
        }
    }
}
