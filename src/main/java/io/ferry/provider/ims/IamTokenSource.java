package io.ferry.provider.ims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.Rfc3339;
import io.ferry.provider.TransferException;
import io.ferry.provider.remote.RemoteFailures;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * IAM tokens for one profile: {@code POST /v3/auth/tokens} with the password method scoped to the project; the
 * token comes back with HTTP 201 in the {@code X-Subject-Token} header and is sent as {@code X-Auth-Token}.
 * Cached until five minutes before {@code expires_at}. Thread-safe.
 *
 * <p>Credentials are never retried in a loop — IAM locks users after repeated failures: once IAM has rejected
 * them, every later call fails at once with UNAUTHENTICATED until {@link #reset()} (the operator fixed the
 * profile).
 */
public final class IamTokenSource {
    private static final MediaType JSON = MediaType.get("application/json;charset=utf8");
    private static final Duration EARLY = Duration.ofMinutes(5);

    /** A token and what came with it. */
    public record Token(String value, String projectId, Instant expiresAt) {
        @Override
        public String toString() {
            return "Token[project " + projectId + ", expires " + expiresAt + "]";
        }
    }

    private final ImsProfile profile;
    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;
    private Token current;
    private TransferException rejected;
    private int issued;

    public IamTokenSource(ImsProfile profile, OkHttpClient http, ObjectMapper mapper, Clock clock) {
        this.profile = profile;
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The cached token, or a new one. */
    public synchronized Token token() throws TransferException {
        if (current != null && (current.expiresAt() == null || clock.instant().isBefore(current.expiresAt().minus(EARLY)))) {
            return current;
        }
        return fetch();
    }

    /** A new token in place of {@code stale} (unless another caller already replaced it). */
    public synchronized Token renew(Token stale) throws TransferException {
        if (current != null && stale != null && !current.value().equals(stale.value())) {
            return current;
        }
        current = null;
        return fetch();
    }

    /** Forgets a rejection, after the operator has corrected the profile. */
    public synchronized void reset() {
        rejected = null;
        current = null;
    }

    /** How many tokens IAM has issued to this source (for diagnostics). */
    public synchronized int issued() {
        return issued;
    }

    private Token fetch() throws TransferException {
        if (rejected != null) {
            throw new TransferException(ErrorCode.UNAUTHENTICATED, profile.tokenUrl(),
                    "IAM already rejected these credentials; not asking again (IAM locks users after repeated failures): "
                            + rejected.sample().errorDetails().getFirst());
        }
        String url = profile.tokenUrl();
        Request req = new Request.Builder().url(url).post(RequestBody.create(body().toString(), JSON)).build();
        int status;
        String text;
        String subjectToken;
        try (Response resp = http.newCall(req).execute()) {
            status = resp.code();
            text = resp.body().string();
            subjectToken = resp.header("X-Subject-Token");
        } catch (IOException e) {
            throw RemoteFailures.io(e, url);
        }
        if (status == 401 || status == 403) {
            rejected = new TransferException(ErrorCode.UNAUTHENTICATED, url, "IAM rejected user \"" + profile.user()
                    + "\" of domain \"" + profile.domain() + "\" for project \"" + profile.project() + "\" (HTTP "
                    + status + "): " + ImsClient.describeError(status, text, mapper) + "; check the profile");
            throw rejected;
        }
        if (status != 201 && status != 200) {
            throw ImsClient.errorFor(status, text, url, mapper);
        }
        Token t = readToken(status, text, subjectToken, url, profile.projectId(), mapper);
        issued++;
        current = t;
        return current;
    }

    /**
     * IAM's 200/201 answer: the token from {@code X-Subject-Token}, the project from {@code token.project.id}
     * (unless the profile names it) and the expiry from {@code token.expires_at} (none when unreadable).
     */
    static Token readToken(int status, String text, String subjectToken, String url, String configuredProjectId,
            ObjectMapper mapper) throws TransferException {
        if (subjectToken == null || subjectToken.isBlank()) {
            throw new TransferException(ErrorCode.UNKNOWN, url,
                    "IAM answered HTTP " + status + " without an X-Subject-Token header");
        }
        String projectId = configuredProjectId;
        Instant expires = null;
        try {
            JsonNode tree = mapper.readTree(text);
            if (projectId.isEmpty()) {
                projectId = tree.path("token").path("project").path("id").asText("");
            }
            expires = Rfc3339.tryParse(tree.path("token").path("expires_at").asText("")).orElse(null);
        } catch (IOException e) {
            if (projectId.isEmpty()) {
                throw RemoteFailures.malformedJson(status, text, e, url + " (the project id is read from the token body;"
                        + " set it in the profile to do without)");
            }
        }
        if (projectId.isEmpty()) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, url,
                    "the token is not scoped to a project (no token.project.id): set the project in the profile");
        }
        return new Token(subjectToken, projectId, expires);
    }

    private ObjectNode body() {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode auth = root.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", profile.user());
        user.put("password", profile.password());
        user.putObject("domain").put("name", profile.domain());
        ObjectNode project = auth.putObject("scope").putObject("project");
        if (!profile.projectId().isEmpty()) {
            project.put("id", profile.projectId());
        } else {
            project.put("name", profile.project());
        }
        return root;
    }
}
