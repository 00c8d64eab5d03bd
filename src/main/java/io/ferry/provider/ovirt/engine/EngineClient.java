package io.ferry.provider.ovirt.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.http.HttpFailures;
import io.ferry.provider.ovirt.http.Redact;
import io.ferry.provider.ovirt.engine.EngineModel.Disk;
import io.ferry.provider.ovirt.engine.EngineModel.Host;
import io.ferry.provider.ovirt.engine.EngineModel.ImageTransfer;
import io.ferry.provider.ovirt.engine.EngineModel.ProductInfo;
import io.ferry.provider.ovirt.engine.EngineModel.StorageDomain;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The oVirt engine REST API (JSON, {@code Version: 4}) with an SSO bearer token: product info, storage domains,
 * disks, hosts, disks and image transfers and their actions. The token is fetched on first use, renewed a minute
 * before it expires, and renewed once more on a 401.
 */
public final class EngineClient {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long RENEW_BEFORE_MS = 60_000;

    private final OkHttpClient http;
    private final HttpUrl base; // https://ENGINE/ovirt-engine/
    private final String user;
    private final char[] password;
    private final Clock clock;
    private String token;
    private Instant tokenExpires = Instant.MIN;

    /** @param engineUrl https://ENGINE or https://ENGINE/ovirt-engine (a trailing /api is accepted too) */
    public EngineClient(OkHttpClient http, String engineUrl, String user, char[] password, Clock clock) {
        this.http = http;
        this.base = baseUrl(engineUrl);
        this.user = user;
        this.password = password.clone();
        this.clock = clock;
    }

    public static HttpUrl baseUrl(String engineUrl) {
        HttpUrl u = HttpUrl.parse(engineUrl.strip());
        if (u == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + engineUrl + " (expected https://ENGINE)");
        }
        String path = u.encodedPath().replaceAll("/+$", "");
        if (path.endsWith("/api")) {
            path = path.substring(0, path.length() - 4);
        }
        if (!path.endsWith("/ovirt-engine")) {
            path = path + "/ovirt-engine";
        }
        return u.newBuilder().encodedPath(path + "/").query(null).build();
    }

    public HttpUrl base() {
        return base;
    }

    // ---- token

    private synchronized String token(boolean renew) throws TransferException, InterruptedException {
        if (!renew && token != null && clock.instant().isBefore(tokenExpires.minusMillis(RENEW_BEFORE_MS))) {
            return token;
        }
        HttpUrl u = base.resolve("sso/oauth/token");
        RequestBody form = new FormBody.Builder()
                .add("grant_type", "password")
                .add("scope", "ovirt-app-api")
                .add("username", user)
                .add("password", new String(password))
                .build();
        Request req = new Request.Builder().url(u).post(form).header("Accept", "application/json").build();
        try (Response r = http.newCall(req).execute()) {
            Login login = readLogin(r.code(), r.body().string(), user, Redact.url(u), clock.instant());
            token = login.token();
            tokenExpires = login.expires();
            return token;
        } catch (IOException e) {
            throw HttpFailures.fromIo("SSO login", Redact.url(u), e);
        }
    }

    /** A token from the SSO and when to treat it as expired. */
    record Login(String token, Instant expires) {}

    /**
     * The SSO's answer: {@code access_token} and {@code exp} (milliseconds since the epoch; seconds accepted; one
     * hour when absent or unreadable). No token, or an error status, is UNAUTHENTICATED (the SSO's 400
     * invalid_grant too) with the SSO's own words.
     */
    static Login readLogin(int code, String body, String user, String redactedUrl, Instant now) throws TransferException {
        JsonNode n = parse(body);
        JsonNode at = n == null ? null : n.path("access_token");
        String t = at != null && at.isTextual() ? at.asText().strip() : ""; // never an object's JSON as a bearer token
        boolean ok = code >= 200 && code < 300;
        if (!ok || t.isEmpty()) {
            String why = n == null ? body
                    : !EngineModel.text(n, "error").isEmpty() ? EngineModel.text(n, "error")
                    : !EngineModel.text(n, "error_description").isEmpty() ? EngineModel.text(n, "error_description") : body;
            int status = ok ? 401 : code;
            if (status == 400) {
                status = 401; // the SSO answers bad credentials with 400 invalid_grant
            }
            throw HttpFailures.fromStatus("SSO login as " + user, status, redactedUrl,
                    why.length() > 300 ? why.substring(0, 300) : why);
        }
        long exp = n.isObject() ? EngineModel.num(n, "exp") : -1;
        Instant expires;
        if (exp > 100_000_000_000L) {
            expires = Instant.ofEpochMilli(exp);
        } else if (exp > 0) {
            expires = Instant.ofEpochSecond(exp);
        } else {
            expires = now.plusSeconds(3600);
        }
        return new Login(t, expires);
    }

    private static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    // ---- calls

    /** A REST call under {@code /ovirt-engine/api/}; returns the JSON reply (null for an empty one). */
    JsonNode call(String method, String path, JsonNode body) throws TransferException, InterruptedException {
        HttpUrl u = base.resolve("api/" + path);
        if (u == null) {
            throw new IllegalArgumentException(path);
        }
        RequestBody rb = body == null ? null : RequestBody.create(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), JSON);
        for (int attempt = 0; ; attempt++) {
            Request req = new Request.Builder()
                    .url(u)
                    .method(method, rb)
                    .header("Accept", "application/json")
                    .header("Version", "4")
                    .header("Authorization", "Bearer " + token(attempt > 0))
                    .build();
            try (Response r = http.newCall(req).execute()) {
                if (r.code() == 401 && attempt == 0) {
                    continue; // token revoked or expired early: log in again once
                }
                return readReply(method + " " + path, r.code(), r.body().string(), Redact.url(u));
            } catch (IOException e) {
                throw HttpFailures.fromIo(method + " " + path, Redact.url(u), e);
            }
        }
    }

    /**
     * A reply's JSON (null for an empty 2xx body); a non-2xx reply is a TransferException by its HTTP status, with
     * the engine's fault ({@code reason}, {@code detail}) when it sent one.
     */
    static JsonNode readReply(String what, int code, String text, String redactedUrl) throws TransferException {
        if (code < 200 || code >= 300) {
            JsonNode fault = parse(text);
            String detail = text;
            if (fault != null && (fault.has("detail") || fault.has("reason"))) {
                detail = (EngineModel.text(fault, "reason") + " " + EngineModel.text(fault, "detail")).strip();
            }
            throw HttpFailures.fromStatus(what, code, redactedUrl, detail.length() > 400 ? detail.substring(0, 400) : detail);
        }
        if (text.isBlank()) {
            return null;
        }
        JsonNode n = parse(text);
        if (n == null) {
            throw new TransferException(ErrorCode.DATA_LOSS, redactedUrl,
                    what + ": the engine's reply is not JSON: " + (text.length() > 200 ? text.substring(0, 200) : text));
        }
        return n;
    }

    /** A reply that must be one entity (a disk, an image transfer): a JSON object, else DATA_LOSS naming what came. */
    static JsonNode entity(JsonNode n, String what, String redactedUrl) throws TransferException {
        if (n == null || !n.isObject()) {
            String got = n == null ? "an empty reply" : "JSON " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            throw new TransferException(ErrorCode.DATA_LOSS, redactedUrl,
                    what + ": expected the entity as a JSON object from the engine, got " + got);
        }
        return n;
    }

    private JsonNode callEntity(String method, String path, JsonNode body) throws TransferException, InterruptedException {
        return entity(call(method, path, body), method + " " + path, Redact.url(base.resolve("api/" + path)));
    }

    /** A list reply ({@code {"disk": [...]}}): the entries under {@code field}, each read by {@code f}. */
    static <T> List<T> listOf(JsonNode n, String field, Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>();
        if (n != null) {
            for (JsonNode e : n.path(field)) {
                out.add(f.apply(e));
            }
        }
        return out;
    }

    private <T> List<T> list(String path, String field, Function<JsonNode, T> f)
            throws TransferException, InterruptedException {
        return listOf(call("GET", path, null), field, f);
    }

    // ---- API

    /** Logs in (fetching a token) without any other call: checks the credentials. */
    public void login() throws TransferException, InterruptedException {
        token(true);
    }

    public ProductInfo productInfo() throws TransferException, InterruptedException {
        JsonNode n = call("GET", "", null);
        return ProductInfo.from(n == null ? MAPPER.createObjectNode() : n);
    }

    public List<StorageDomain> storageDomains() throws TransferException, InterruptedException {
        return list("storagedomains", "storage_domain", StorageDomain::from);
    }

    public List<Host> hosts() throws TransferException, InterruptedException {
        return list("hosts", "host", Host::from);
    }

    public List<Disk> disks() throws TransferException, InterruptedException {
        return list("disks", "disk", Disk::from);
    }

    public Disk disk(String id) throws TransferException, InterruptedException {
        return Disk.from(callEntity("GET", "disks/" + seg("disk", id), null));
    }

    /** The disk, or empty when the engine says 404 (removed). */
    public Optional<Disk> findDisk(String id) throws TransferException, InterruptedException {
        try {
            return Optional.of(disk(id));
        } catch (TransferException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Disk createDisk(DiskSpec spec) throws TransferException, InterruptedException {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("name", spec.name());
        d.put("provisioned_size", spec.provisionedSize());
        if ("cow".equals(spec.format()) && spec.initialSize() > 0) {
            d.put("initial_size", spec.initialSize());
        }
        d.put("format", spec.format());
        d.put("sparse", spec.sparse());
        d.put("content_type", spec.contentType() == null || spec.contentType().isEmpty() ? "data" : spec.contentType());
        d.putObject("storage_domains").putArray("storage_domain").addObject().put("name", spec.storageDomain());
        return Disk.from(callEntity("POST", "disks", d));
    }

    public void deleteDisk(String id) throws TransferException, InterruptedException {
        call("DELETE", "disks/" + seg("disk", id), null);
    }

    public ImageTransfer createTransfer(TransferSpec spec) throws TransferException, InterruptedException {
        ObjectNode t = MAPPER.createObjectNode();
        t.putObject("disk").put("id", spec.diskId());
        t.put("direction", spec.direction());
        if (spec.hostId() != null && !spec.hostId().isEmpty()) {
            t.putObject("host").put("id", spec.hostId());
        }
        if (spec.format() != null && !spec.format().isEmpty()) {
            t.put("format", spec.format());
        }
        if (spec.inactivityTimeout() > 0) {
            t.put("inactivity_timeout", spec.inactivityTimeout());
        }
        if (spec.timeoutPolicy() != null && !spec.timeoutPolicy().isEmpty()) {
            t.put("timeout_policy", spec.timeoutPolicy());
        }
        return ImageTransfer.from(callEntity("POST", "imagetransfers", t));
    }

    public ImageTransfer transfer(String id) throws TransferException, InterruptedException {
        return ImageTransfer.from(callEntity("GET", "imagetransfers/" + seg("image transfer", id), null));
    }

    /** The transfer, or empty once the engine has removed it (404). */
    public Optional<ImageTransfer> findTransfer(String id) throws TransferException, InterruptedException {
        try {
            return Optional.of(transfer(id));
        } catch (TransferException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** POST imagetransfers/{id}/{pause|resume|cancel|finalize|extend} with {}. */
    public void action(String transferId, String action) throws TransferException, InterruptedException {
        call("POST", "imagetransfers/" + seg("image transfer", transferId) + "/" + action, MAPPER.createObjectNode());
    }

    /**
     * An id as one path segment: the engine's ids are UUIDs (letters, digits, '.', '_', '-'). Anything else (an
     * empty id, a slash, a space, an id mangled in the store or sent oddly by a server) is INVALID_ARGUMENT naming
     * the id as it came (control characters shown as '?', at most 80 characters), never a call to another path.
     */
    static String seg(String kind, String id) throws TransferException {
        if (id != null && !id.isEmpty() && id.matches("[A-Za-z0-9._-]+") && !id.equals(".") && !id.equals("..")) {
            return id;
        }
        String shown = id == null ? "none" : "'" + printable(id) + "'";
        throw new TransferException(ErrorCode.INVALID_ARGUMENT, "",
                "the " + kind + " id " + shown + " is not an oVirt engine id (expected a UUID such as "
                        + "123e4567-e89b-12d3-a456-426614174000); check where it came from: the " + kind
                        + " id given to Ferry, or the engine's reply");
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return s.codePointCount(0, s.length()) > 80 ? b + "…" : b.toString();
    }
}
