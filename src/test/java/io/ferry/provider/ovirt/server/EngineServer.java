package io.ferry.provider.ovirt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-repo oVirt engine (test scope) following the documented REST API on 127.0.0.1: SSO token, product info,
 * storage domains, hosts, disks, image transfers and their actions, with phases advancing as the engine moves
 * them (initializing → transferring; paused_system when the ticket expires; pause → paused_user; resume →
 * resuming → transferring; finalize → finalizing_success → finished_success or finished_failure, then the
 * transfer is removed; cancel → cancelled_user → finalizing_cleanup → finished_cleanup, the partial disk
 * removed). Numbers go out as strings, as the engine's JSON does. Data goes through two in-repo imageio servers:
 * the "host" (transfer_url) and the "proxy" (proxy_url), which share tickets.
 */
public final class EngineServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String USER = "admin@internal";
    public static final String PASSWORD = "s3cret pass";
    /** The password SSO accepts for {@link #USER}; {@link #PASSWORD} unless a test sets its own (a canary). */
    public volatile String password = PASSWORD;
    public static final String SD_NAME = "data1";
    public static final String SD_ID = "11111111-2222-3333-4444-555555555555";
    public static final String HOST_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private final HttpServer server;
    private final HttpServer pki;
    private final ImageioServer host;
    private final ImageioServer proxy;
    private final Path storage;
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Map<String, DiskState> disks = new ConcurrentHashMap<>();
    private final Map<String, TransferState> transfers = new ConcurrentHashMap<>();

    // settings
    public volatile Duration step = Duration.ofMillis(60);
    public volatile Duration ticketTimeout = Duration.ofMinutes(5);
    public volatile Duration tokenLifetime = Duration.ofHours(1);
    public volatile boolean hostUnreachable;
    public volatile boolean imageioDownOnHost;
    public volatile boolean keepFinishedTransfers;
    public volatile boolean failVerification;
    /** When set, a new session reports this phase instead of transferring (an engine newer than Ferry). */
    public volatile String oddPhase;

    // what happened
    public final AtomicInteger tokensIssued = new AtomicInteger();
    public final AtomicInteger unauthorized = new AtomicInteger();
    public final AtomicInteger extends_ = new AtomicInteger();
    public final List<String> actions = new CopyOnWriteArrayList<>();
    /** Every imageio ticket id this engine issued (the secret part of a transfer_url / proxy_url), in order. */
    public final List<String> ticketsIssued = new CopyOnWriteArrayList<>();

    static final class DiskState {
        String id;
        String name;
        String format;
        boolean sparse;
        long provisioned;
        long initial;
        volatile String status;
        Path file;
        String contentType;
    }

    public static final class TransferState {
        String id;
        String diskId;
        String direction;
        String format;
        int inactivityTimeout;
        String timeoutPolicy;
        volatile String phase;
        volatile String ticket;
        public final List<String> phases = new CopyOnWriteArrayList<>();

        void phase(String p) {
            phase = p;
            phases.add(p);
        }
    }

    private EngineServer(boolean tls, Path storage) throws IOException {
        this.storage = storage;
        Map<String, Ticket> shared = new ConcurrentHashMap<>();
        this.host = tls ? ImageioServer.https(shared) : ImageioServer.http(shared);
        this.proxy = tls ? ImageioServer.https(shared) : ImageioServer.http(shared);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls) {
            HttpsServer s = HttpsServer.create(any, 64);
            s.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext()));
            server = s;
        } else {
            server = HttpServer.create(any, 64);
        }
        server.createContext("/ovirt-engine/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        pki = HttpServer.create(any, 16);
        pki.createContext("/ovirt-engine/services/pki-resource", this::pkiResource);
        pki.start();
        clock.scheduleWithFixedDelay(this::expireTickets, 20, 20, TimeUnit.MILLISECONDS);
    }

    public static EngineServer https(Path storage) throws IOException {
        return new EngineServer(true, storage);
    }

    public static EngineServer http(Path storage) throws IOException {
        return new EngineServer(false, storage);
    }

    public String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://localhost:" + server.getAddress().getPort() + "/ovirt-engine";
    }

    /** The engine's plain-HTTP side, where pki-resource is served. */
    public String pkiBase() {
        return "http://127.0.0.1:" + pki.getAddress().getPort() + "/ovirt-engine/";
    }

    public ImageioServer host() {
        return host;
    }

    public ImageioServer proxy() {
        return proxy;
    }

    public TransferState transfer(String id) {
        return transfers.get(id);
    }

    public List<TransferState> transfers() {
        return List.copyOf(transfers.values());
    }

    public Map<String, String> diskStatuses() {
        Map<String, String> m = new HashMap<>();
        disks.values().forEach(d -> m.put(d.id, d.status));
        return m;
    }

    public Path diskFile(String id) {
        return disks.get(id).file;
    }

    public int diskCount() {
        return disks.size();
    }

    /** Adds an existing disk (ok) holding the bytes of {@code content}, for downloads. */
    public String addDisk(String name, String format, Path content, long provisioned) throws IOException {
        DiskState d = new DiskState();
        d.id = UUID.randomUUID().toString();
        d.name = name;
        d.format = format;
        d.sparse = true;
        d.provisioned = provisioned;
        d.initial = Files.size(content);
        d.file = storage.resolve(d.id + ".img");
        // copy keeping holes: write only the data runs
        copySparse(content, d.file);
        if ("raw".equals(format)) {
            try (RandomAccessFile f = new RandomAccessFile(d.file.toFile(), "rw")) {
                f.setLength(provisioned);
            }
        }
        d.status = "ok";
        d.contentType = "data";
        disks.put(d.id, d);
        return d.id;
    }

    private static void copySparse(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from); FileChannel out = FileChannel.open(to,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            long pos = 0;
            while (true) {
                b.clear();
                int n = in.read(b, pos);
                if (n < 0) {
                    break;
                }
                b.flip();
                boolean zero = true;
                for (int i = 0; i < n && zero; i++) {
                    zero = b.get(i) == 0;
                }
                if (!zero) {
                    out.write(b, pos);
                }
                pos += n;
            }
            out.truncate(pos);
            try (RandomAccessFile f = new RandomAccessFile(to.toFile(), "rw")) {
                f.setLength(pos);
            }
        }
    }

    /** Drops every issued token (as an engine restart would): the next call gets 401. */
    public void revokeTokens() {
        tokens.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        pki.stop(0);
        clock.shutdownNow();
        host.close();
        proxy.close();
    }

    // ---- dispatch

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/ovirt-engine/sso/oauth/token") && method.equals("POST")) {
                token(ex);
                return;
            }
            if (path.equals("/ovirt-engine/services/pki-resource")) {
                pkiResource(ex);
                return;
            }
            if (!path.startsWith("/ovirt-engine/api")) {
                fault(ex, 404, "Not Found", "");
                return;
            }
            if (!authorized(ex)) {
                unauthorized.incrementAndGet();
                fault(ex, 401, "Unauthorized", "");
                return;
            }
            List<String> seg = new ArrayList<>(List.of(path.substring("/ovirt-engine/api".length()).split("/")));
            seg.removeIf(String::isEmpty);
            api(ex, method, seg);
        } catch (RuntimeException e) {
            fault(ex, 500, "Internal error", String.valueOf(e));
        }
    }

    private void pkiResource(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getQuery();
        if (q == null || !q.contains("resource=ca-certificate")) {
            ImageioServer.text(ex, 400, "unknown resource");
            return;
        }
        byte[] pem;
        try (InputStream in = EngineServer.class.getResourceAsStream("/ovirt-tls/ca.pem")) {
            pem = in.readAllBytes();
        }
        ex.getResponseHeaders().set("Content-Type", "application/x-x509-ca-cert");
        ex.sendResponseHeaders(200, pem.length);
        ex.getResponseBody().write(pem);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String kv : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"password".equals(form.get("grant_type")) || !"ovirt-app-api".equals(form.get("scope"))) {
            ImageioServer.json(ex, 400, Map.of("error_code", "invalid_request", "error", "unsupported grant or scope"));
            return;
        }
        if (!USER.equals(form.get("username")) || !password.equals(form.get("password"))) {
            ImageioServer.json(ex, 400, Map.of("error_code", "access_denied",
                    "error", "Cannot authenticate user '" + form.get("username") + "': The username or password is incorrect."));
            return;
        }
        String t = UUID.randomUUID().toString().replace("-", "");
        long exp = Instant.now().plus(tokenLifetime).toEpochMilli();
        tokens.put(t, exp);
        tokensIssued.incrementAndGet();
        ImageioServer.json(ex, 200, Map.of("access_token", t, "scope", "ovirt-app-api", "exp", Long.toString(exp),
                "token_type", "bearer"));
    }

    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            return false;
        }
        Long exp = tokens.get(h.substring(7));
        return exp != null && exp > System.currentTimeMillis();
    }

    private void api(HttpExchange ex, String method, List<String> seg) throws IOException {
        String key = method + " " + (seg.isEmpty() ? "" : seg.getFirst()) + "/" + seg.size();
        switch (key) {
            case "GET /0" -> ImageioServer.json(ex, 200, Map.of("product_info", Map.of("name", "oVirt Engine",
                    "vendor", "ovirt.org", "version", Map.of("major", "4", "minor", "5", "build", "7",
                            "revision", "0", "full_version", "4.5.7-1.el9"))));
            case "GET storagedomains/1" -> ImageioServer.json(ex, 200, Map.of("storage_domain", List.of(Map.of(
                    "id", SD_ID, "name", SD_NAME, "type", "data", "available", "1099511627776",
                    "external_status", "ok"))));
            case "GET hosts/1" -> ImageioServer.json(ex, 200, Map.of("host", List.of(Map.of(
                    "id", HOST_ID, "name", "host1", "address", "127.0.0.1", "status", "up"))));
            case "GET disks/1" -> ImageioServer.json(ex, 200, Map.of("disk", disks.values().stream().map(this::disk).toList()));
            case "POST disks/1" -> createDisk(ex);
            case "GET disks/2" -> {
                DiskState d = disks.get(seg.get(1));
                if (d == null) {
                    fault(ex, 404, "Not Found", "");
                } else {
                    ImageioServer.json(ex, 200, disk(d));
                }
            }
            case "DELETE disks/2" -> {
                DiskState d = disks.remove(seg.get(1));
                if (d == null) {
                    fault(ex, 404, "Not Found", "");
                } else {
                    Files.deleteIfExists(d.file);
                    ImageioServer.json(ex, 200, Map.of("status", "complete"));
                }
            }
            case "POST imagetransfers/1" -> createTransfer(ex);
            case "GET imagetransfers/2" -> {
                TransferState t = transfers.get(seg.get(1));
                if (t == null) {
                    fault(ex, 404, "Not Found", "");
                } else {
                    ImageioServer.json(ex, 200, transfer(t));
                }
            }
            case "POST imagetransfers/3" -> action(ex, seg.get(1), seg.get(2));
            default -> fault(ex, 404, "Not Found", "no such resource " + seg);
        }
    }

    private Map<String, Object> disk(DiskState d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id);
        m.put("href", "/ovirt-engine/api/disks/" + d.id);
        m.put("name", d.name);
        m.put("format", d.format);
        m.put("sparse", Boolean.toString(d.sparse));
        m.put("status", d.status);
        m.put("provisioned_size", Long.toString(d.provisioned));
        m.put("actual_size", Long.toString(d.file == null ? 0 : fileSize(d.file)));
        if ("cow".equals(d.format)) {
            m.put("initial_size", Long.toString(d.initial));
        }
        m.put("content_type", d.contentType);
        m.put("storage_domains", Map.of("storage_domain", List.of(Map.of("id", SD_ID))));
        return m;
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private void createDisk(HttpExchange ex) throws IOException {
        JsonNode n = JSON.readTree(ex.getRequestBody());
        String sd = n.path("storage_domains").path("storage_domain").path(0).path("name").asText("");
        String format = n.path("format").asText("");
        long provisioned = n.path("provisioned_size").asLong(-1);
        if (!SD_NAME.equals(sd)) {
            fault(ex, 400, "Operation Failed", "Entity not found: Storage domain " + sd);
            return;
        }
        if (!Set.of("raw", "cow").contains(format) || provisioned <= 0 || n.path("name").asText("").isEmpty()) {
            fault(ex, 400, "Incomplete parameters", "Disk [name, provisionedSize, format] required");
            return;
        }
        DiskState d = new DiskState();
        d.id = UUID.randomUUID().toString();
        d.name = n.path("name").asText();
        d.format = format;
        d.sparse = n.path("sparse").asBoolean(true);
        d.provisioned = provisioned;
        d.initial = n.path("initial_size").asLong(0);
        d.contentType = n.path("content_type").asText("data");
        d.file = storage.resolve(d.id + ".img");
        Files.createFile(d.file);
        d.status = "locked";
        disks.put(d.id, d);
        later(() -> d.status = "ok");
        ImageioServer.json(ex, 201, disk(d));
    }

    private void createTransfer(HttpExchange ex) throws IOException {
        JsonNode n = JSON.readTree(ex.getRequestBody());
        DiskState d = disks.get(n.path("disk").path("id").asText(""));
        if (d == null) {
            fault(ex, 404, "Not Found", "Entity not found: disk");
            return;
        }
        if (!"ok".equals(d.status)) {
            fault(ex, 409, "Operation Failed", "[Cannot transfer Virtual Disk. Disk is " + d.status + ".]");
            return;
        }
        TransferState t = new TransferState();
        t.id = UUID.randomUUID().toString();
        t.diskId = d.id;
        t.direction = n.path("direction").asText("upload");
        t.format = n.path("format").asText(d.format);
        t.inactivityTimeout = n.path("inactivity_timeout").asInt(60);
        t.timeoutPolicy = n.path("timeout_policy").asText("legacy");
        t.phase("initializing");
        d.status = "locked";
        transfers.put(t.id, t);
        later(() -> openSession(t));
        ImageioServer.json(ex, 201, transfer(t));
    }

    private void openSession(TransferState t) {
        if (oddPhase != null) {
            t.phase(oddPhase);
            return;
        }
        if (imageioDownOnHost) {
            t.phase("paused_system");
            return;
        }
        DiskState d = disks.get(t.diskId);
        long size = "raw".equals(d.format) ? d.provisioned
                : ("upload".equals(t.direction) ? Math.max(d.initial, fileSize(d.file)) : fileSize(d.file));
        String ticket = UUID.randomUUID().toString();
        try {
            host.addTicket(ticket, d.file, size, "upload".equals(t.direction) ? Set.of("read", "write") : Set.of("read"),
                    ticketTimeout);
        } catch (IOException e) {
            t.phase("paused_system");
            return;
        }
        t.ticket = ticket;
        ticketsIssued.add(ticket);
        t.phase("transferring");
    }

    private void closeSession(TransferState t) {
        if (t.ticket != null) {
            host.removeTicket(t.ticket);
            t.ticket = null;
        }
    }

    /** The engine notices an expired ticket and pauses the transfer (paused_system). */
    private void expireTickets() {
        for (TransferState t : transfers.values()) {
            synchronized (t) { // an action changing the phase meanwhile must not be undone by this sweep
                String tk = t.ticket;
                if ("transferring".equals(t.phase) && tk != null) {
                    Ticket ticket = host.ticket(tk);
                    if (ticket == null || ticket.expired()) {
                        closeSession(t);
                        t.phase("paused_system");
                    }
                }
            }
        }
    }

    private Map<String, Object> transfer(TransferState t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id);
        m.put("href", "/ovirt-engine/api/imagetransfers/" + t.id);
        m.put("phase", t.phase);
        m.put("direction", t.direction);
        m.put("format", t.format);
        m.put("inactivity_timeout", Integer.toString(t.inactivityTimeout));
        m.put("timeout_policy", t.timeoutPolicy);
        m.put("active", Boolean.toString("transferring".equals(t.phase)));
        m.put("shallow", "false");
        m.put("transferred", "0");
        String tk = t.ticket;
        if (tk != null) {
            String hostBase = hostUnreachable ? "https://127.0.0.1:1" : host.base();
            m.put("transfer_url", hostBase + "/images/" + tk);
            m.put("proxy_url", proxy.base() + "/images/" + tk);
        }
        m.put("host", Map.of("id", HOST_ID, "href", "/ovirt-engine/api/hosts/" + HOST_ID));
        m.put("image", Map.of("id", t.diskId));
        return m;
    }

    private void action(HttpExchange ex, String id, String action) throws IOException {
        TransferState t = transfers.get(id);
        JSON.readTree(ex.getRequestBody()); // the body is {}
        if (t == null) {
            fault(ex, 404, "Not Found", "");
            return;
        }
        actions.add(action);
        String p = t.phase;
        switch (action) {
            case "extend" -> {
                String tk = t.ticket;
                if (!"transferring".equals(p) || tk == null || host.ticket(tk) == null) {
                    conflict(ex, action, p);
                    return;
                }
                host.ticket(tk).extend();
                extends_.incrementAndGet();
            }
            case "pause" -> {
                if (!"transferring".equals(p)) {
                    conflict(ex, action, p);
                    return;
                }
                synchronized (t) { // as one step for the expiry sweep
                    t.phase("paused_user");
                    closeSession(t);
                }
            }
            case "resume" -> {
                if (!p.startsWith("paused")) {
                    conflict(ex, action, p);
                    return;
                }
                t.phase("resuming");
                later(() -> openSession(t));
            }
            case "finalize" -> {
                if (!"transferring".equals(p)) {
                    conflict(ex, action, p);
                    return;
                }
                synchronized (t) { // as one step for the expiry sweep
                    t.phase("finalizing_success");
                    closeSession(t);
                }
                later(() -> verify(t));
            }
            case "cancel" -> {
                if (p.startsWith("finished") || p.startsWith("finalizing") || p.startsWith("cancelled")) {
                    conflict(ex, action, p);
                    return;
                }
                synchronized (t) { // as one step for the expiry sweep
                    t.phase("cancelled_user");
                    closeSession(t);
                }
                later(() -> {
                    t.phase("finalizing_cleanup");
                    later(() -> {
                        DiskState d = disks.get(t.diskId);
                        if ("upload".equals(t.direction) && d != null) {
                            disks.remove(d.id);
                            try {
                                Files.deleteIfExists(d.file);
                            } catch (IOException ignored) {
                                // test storage
                            }
                        } else if (d != null) {
                            d.status = "ok";
                        }
                        t.phase("finished_cleanup");
                        later(() -> transfers.remove(t.id));
                    });
                });
            }
            default -> {
                fault(ex, 404, "Not Found", "no action " + action);
                return;
            }
        }
        ImageioServer.json(ex, 200, Map.of("status", "complete"));
    }

    /** finalize: a cow disk must hold qcow2 without a backing file; then finished_*, then the entity goes away. */
    private void verify(TransferState t) {
        DiskState d = disks.get(t.diskId);
        boolean ok = !failVerification;
        if (ok && "upload".equals(t.direction) && "cow".equals(d.format)) {
            try (FileChannel ch = FileChannel.open(d.file)) {
                ByteBuffer h = ByteBuffer.allocate(16);
                ch.read(h, 0);
                ok = h.getInt(0) == 0x514649fb && h.getLong(8) == 0;
            } catch (IOException e) {
                ok = false;
            }
        }
        d.status = ok ? "ok" : "illegal";
        t.phase(ok ? "finished_success" : "finished_failure");
        if (!keepFinishedTransfers) {
            later(() -> transfers.remove(t.id));
        }
    }

    private void conflict(HttpExchange ex, String action, String phase) throws IOException {
        fault(ex, 409, "Operation Failed", "[Cannot " + action + " image transfer in phase " + phase + ".]");
    }

    private void later(Runnable r) {
        clock.schedule(r, step.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void fault(HttpExchange ex, int status, String reason, String detail) throws IOException {
        ImageioServer.json(ex, status, Map.of("reason", reason, "detail", detail));
    }
}
