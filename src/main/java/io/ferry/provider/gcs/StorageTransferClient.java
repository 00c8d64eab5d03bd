package io.ferry.provider.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import io.ferry.provider.tls.TlsFailures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The Storage Transfer REST calls Ferry needs (cloud-apis.md §1.2), on OkHttp and Jackson. Every failure is a
 * {@link TransferException} with a google.rpc code and the request URL as its sample. Thread-safe.
 */
public final class StorageTransferClient {
    public static final HttpUrl DEFAULT_ENDPOINT = HttpUrl.get("https://storagetransfer.googleapis.com/");
    /** The API's maximum page size. */
    public static final int MAX_PAGE_SIZE = 256;

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final HttpUrl endpoint;
    private final OkHttpClient http;
    private final Duration timeout;

    /**
     * @param endpoint the API's base URL (the default, a regional or mTLS one, or a local test server)
     * @param timeout  per call; a call that takes longer fails with DEADLINE_EXCEEDED
     */
    public StorageTransferClient(HttpUrl endpoint, GcsAuth auth, Duration timeout) {
        this(endpoint, auth, timeout, new OkHttpClient());
    }

    /** With a shared OkHttp client (its connection pool and dispatcher are reused). */
    public StorageTransferClient(HttpUrl endpoint, GcsAuth auth, Duration timeout, OkHttpClient base) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        BearerAuth bearer = new BearerAuth(Objects.requireNonNull(auth, "auth"));
        this.http = base.newBuilder()
                .addInterceptor(bearer)
                .authenticator(bearer)
                .callTimeout(timeout)
                .readTimeout(timeout)
                .connectTimeout(timeout)
                // Ferry decides what is sent again (a :run whose answer was lost is looked up first), not OkHttp
                .retryOnConnectionFailure(false)
                .build();
    }

    public HttpUrl endpoint() {
        return endpoint;
    }

    /** One page of operations, newest first. */
    public Page<GcsOperation> listOperationsPage(OperationFilter filter, int pageSize, String pageToken) throws TransferException {
        HttpUrl.Builder url = api("transferOperations")
                .addQueryParameter("filter", filter.toJson())
                .addQueryParameter("pageSize", Integer.toString(clampPageSize(pageSize)));
        if (pageToken != null && !pageToken.isEmpty()) {
            url.addQueryParameter("pageToken", pageToken);
        }
        return operationsPage(call(get(url.build())));
    }

    /** A transferOperations.list answer: {@code operations[]} and {@code nextPageToken}. */
    static Page<GcsOperation> operationsPage(JsonNode page) {
        List<GcsOperation> ops = new ArrayList<>();
        for (JsonNode op : page.path("operations")) {
            ops.add(StsJson.operation(op));
        }
        return new Page<>(ops, StsJson.text(page, "nextPageToken"));
    }

    /**
     * Operations matching the filter, following nextPageToken until the last page or {@code limit} operations
     * (0 = no limit).
     */
    public List<GcsOperation> listOperations(OperationFilter filter, int limit) throws TransferException {
        List<GcsOperation> out = new ArrayList<>();
        String token = "";
        do {
            int size = limit > 0 ? Math.min(MAX_PAGE_SIZE, limit - out.size()) : MAX_PAGE_SIZE;
            Page<GcsOperation> page = listOperationsPage(filter, size, token);
            out.addAll(page.items());
            token = page.nextPageToken();
        } while (!token.isEmpty() && (limit <= 0 || out.size() < limit));
        return limit > 0 && out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    public GcsOperation getOperation(String name) throws TransferException {
        return StsJson.operation(call(get(api(GcsNames.operation(name)).build())));
    }

    /** Pauses an IN_PROGRESS operation (the service drains it through SUSPENDING to PAUSED). */
    public void pauseOperation(String name) throws TransferException {
        call(post(api(GcsNames.operation(name) + ":pause").build(), "{}"));
    }

    public void resumeOperation(String name) throws TransferException {
        call(post(api(GcsNames.operation(name) + ":resume").build(), "{}"));
    }

    /** Asks for cancellation; it is asynchronous (poll until ABORTED), and does nothing to a finished operation. */
    public void cancelOperation(String name) throws TransferException {
        call(post(api(GcsNames.operation(name) + ":cancel").build(), "{}"));
    }

    public Page<GcsJob> listJobsPage(JobFilter filter, int pageSize, String pageToken) throws TransferException {
        HttpUrl.Builder url = api("transferJobs")
                .addQueryParameter("filter", filter.toJson())
                .addQueryParameter("pageSize", Integer.toString(clampPageSize(pageSize)));
        if (pageToken != null && !pageToken.isEmpty()) {
            url.addQueryParameter("pageToken", pageToken);
        }
        JsonNode page = call(get(url.build()));
        List<GcsJob> jobs = new ArrayList<>();
        for (JsonNode j : page.path("transferJobs")) {
            jobs.add(StsJson.job(j));
        }
        return new Page<>(jobs, StsJson.text(page, "nextPageToken"));
    }

    public List<GcsJob> listJobs(JobFilter filter, int limit) throws TransferException {
        List<GcsJob> out = new ArrayList<>();
        String token = "";
        do {
            int size = limit > 0 ? Math.min(MAX_PAGE_SIZE, limit - out.size()) : MAX_PAGE_SIZE;
            Page<GcsJob> page = listJobsPage(filter, size, token);
            out.addAll(page.items());
            token = page.nextPageToken();
        } while (!token.isEmpty() && (limit <= 0 || out.size() < limit));
        return limit > 0 && out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /** transferJobs.get; the project id is required (without it the API answers a misleading 403). */
    public GcsJob getJob(String name, String projectId) throws TransferException {
        requireProject(projectId, "get a transfer job");
        return StsJson.job(call(get(api(GcsNames.job(name)).addQueryParameter("projectId", projectId).build())));
    }

    /**
     * transferJobs.run: starts a run and returns the operation it created, as the run's response describes it
     * (QUEUED, counters empty). When the response does not name the operation, the job's newest operation is
     * looked up instead; if the service has not listed it yet the returned operation's name is empty.
     */
    public GcsOperation runJob(String name, String projectId) throws TransferException {
        requireProject(projectId, "run a transfer job");
        String job = GcsNames.job(name);
        String body = StsJson.mapper().createObjectNode().put("projectId", projectId).toString();
        GcsOperation started = StsJson.operation(call(post(api(job + ":run").build(), body)));
        if (!started.name().isEmpty()) {
            return started;
        }
        List<GcsOperation> newest = listOperations(new OperationFilter(projectId, List.of(job), List.of(), List.of()), 1);
        return newest.isEmpty() ? started : newest.getFirst();
    }

    /**
     * What {@link #runJobOrFind} got: the operation the run's answer described ({@code answered}), or — when the
     * answer was lost — the name of the run's operation found as the job's latestOperationName and the failure on
     * the wire ({@code lostAnswer}).
     */
    public record CheckedRun(GcsOperation answered, String operationName, TransferException lostAnswer) {
        public boolean foundAfterLostAnswer() {
            return lostAnswer != null;
        }
    }

    /**
     * transferJobs.run for a job whose {@code latestOperationName} was {@code latestBefore} just before (empty: it
     * never ran). When the run gets no answer (DEADLINE_EXCEEDED, UNAVAILABLE: it may have reached the service), the
     * job is read at once: another latestOperationName is the run's operation; the same one → the run did not start,
     * thrown with the wire's code (safe to run again); reading the job failing too → its code, saying to read the
     * job before running it again.
     */
    public CheckedRun runJobOrFind(String name, String projectId, String latestBefore) throws TransferException {
        String job = GcsNames.job(name);
        String before = latestBefore == null ? "" : latestBefore;
        try {
            GcsOperation op = runJob(job, projectId);
            return new CheckedRun(op, op.name(), null);
        } catch (TransferException e) {
            if (e.code() != ErrorCode.DEADLINE_EXCEEDED && e.code() != ErrorCode.UNAVAILABLE) {
                throw e;
            }
            String latest;
            try {
                latest = getJob(job, projectId).latestOperationName();
            } catch (TransferException lookup) {
                throw new TransferException(lookup.code(), job, "transferJobs.run got no answer (" + e.code() + ") and reading"
                        + " the job failed too (" + lookup.getMessage() + "); it may have started: read the job's"
                        + " latestOperationName before running it again (the next attempt does)", lookup);
            }
            if (latest.isEmpty() || latest.equals(before)) {
                throw new TransferException(e.code(), job, "transferJobs.run got no answer (" + e.getMessage() + ") and the"
                        + " job's latestOperationName is still " + (before.isEmpty() ? "empty" : before)
                        + ": the run did not start; it is safe to run it again", e);
            }
            return new CheckedRun(null, latest, new TransferException(e.code(), job, "transferJobs.run got no answer: "
                    + e.getMessage() + "; found the run's operation " + latest + " as the job's latestOperationName"));
        }
    }

    /**
     * googleServiceAccounts.get: the Storage Transfer service agent of a project. Needs only the project id and
     * read access, so it is the connection profile's "Test" call; returns the agent's e-mail address.
     */
    public String serviceAgent(String projectId) throws TransferException {
        requireProject(projectId, "test the connection");
        JsonNode n = call(get(api("googleServiceAccounts/" + projectId.trim()).build()));
        String email = StsJson.text(n, "accountEmail");
        if (email.isEmpty()) {
            throw new TransferException(ErrorCode.UNKNOWN, endpoint + "v1/googleServiceAccounts/" + projectId,
                    "the answer names no accountEmail");
        }
        return email;
    }

    private static void requireProject(String projectId, String what) {
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException("a project id is required to " + what + " (--project)");
        }
    }

    private static int clampPageSize(int pageSize) {
        return pageSize <= 0 ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, pageSize);
    }

    private HttpUrl.Builder api(String path) {
        return endpoint.newBuilder().addPathSegment("v1").addPathSegments(path);
    }

    private static Request get(HttpUrl url) {
        return new Request.Builder().url(url).header("Accept", "application/json").get().build();
    }

    private static Request post(HttpUrl url, String json) {
        return new Request.Builder().url(url).header("Accept", "application/json").post(RequestBody.create(json, JSON)).build();
    }

    private JsonNode call(Request request) throws TransferException {
        String url = request.url().toString();
        try (Response r = http.newCall(request).execute()) {
            String contentType = r.header("Content-Type", "");
            String body = r.body().string();
            if (!r.isSuccessful()) {
                throw GcsErrors.fromHttp(r.code(), r.message(), contentType, body, url);
            }
            return GcsErrors.parseObject(contentType, body, url);
        } catch (GcsAuth.TokenException e) {
            throw new TransferException(e.code(), e.tokenServer().isEmpty() ? url : e.tokenServer(), e.getMessage(), e);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new TransferException(ErrorCode.CANCELLED, url, "interrupted while waiting for Storage Transfer", e);
            }
            throw new TransferException(ErrorCode.DEADLINE_EXCEEDED, url,
                    "no answer from Storage Transfer within " + timeout.toMillis() + " ms (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            var tls = TlsFailures.untrusted(e, GcsAuth.CA_HINT);
            if (tls.isPresent()) {
                throw new TransferException(ErrorCode.FAILED_PRECONDITION, url, "Storage Transfer refused: " + tls.get(), e);
            }
            throw new TransferException(ErrorCode.UNAVAILABLE, url, "cannot reach Storage Transfer: " + e, e);
        }
    }

    /** One page of a list call; {@code nextPageToken} is empty on the last page. */
    public record Page<T>(List<T> items, String nextPageToken) {
        public Page {
            items = List.copyOf(items);
            nextPageToken = nextPageToken == null ? "" : nextPageToken;
        }
    }
}
