package io.ferry.provider.ovirt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ferry.provider.ovirt.image.Extent;
import io.ferry.provider.ovirt.image.SparseMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * An in-repo ovirt-imageio server (test scope) speaking its documented HTTP protocol on 127.0.0.1: OPTIONS,
 * ranged GET and PUT ({@code Content-Range: bytes a-b/*}, fixed length only: chunked bodies get 400), PATCH zero
 * and flush, GET extents?context=zero (holes of the backing file), GET checksum and checksum/algorithms. Tickets
 * are real temp files; an unknown or expired ticket gets 403, a range outside the image 416.
 *
 * <p>Fault injection: a burst of 503s, a connection dropped in the middle of a PUT, slow responses.
 */
public final class ImageioServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("^/images/([^/]+)(/extents|/checksum|/checksum/algorithms)?/?$");
    private static final Pattern CONTENT_RANGE = Pattern.compile("^bytes (\\d+)-(\\d+)/(\\*|\\d+)$");
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d+)-(\\d*)$");

    private final HttpServer server;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    /** CPU time of handler threads that have ended; live ones are summed in {@link #cpuNanos()}. */
    private final AtomicLong endedThreadsCpu = new AtomicLong();
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger handlerThreads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> Thread.ofPlatform()
            .name("imageio-server-" + handlerThreads.getAndIncrement())
            .unstarted(() -> {
                handlers.add(Thread.currentThread());
                try {
                    r.run();
                } finally {
                    handlers.remove(Thread.currentThread());
                    endedThreadsCpu.addAndGet(Math.max(0, THREADS.getCurrentThreadCpuTime()));
                }
            }));
    private final Map<String, Ticket> tickets;
    private volatile Set<String> features = Set.of("extents", "zero", "flush");
    private volatile int maxReaders = 8;
    private volatile int maxWriters = 8;
    private volatile boolean checksum = true;

    // faults
    private final AtomicInteger fail503 = new AtomicInteger();
    private final AtomicInteger dropPuts = new AtomicInteger();
    private volatile long delayMillis;
    private volatile java.util.concurrent.CountDownLatch heldPuts;

    // what happened
    public final AtomicInteger puts = new AtomicInteger();
    public final AtomicInteger gets = new AtomicInteger();
    public final AtomicInteger zeroRequests = new AtomicInteger();
    public final AtomicLong zeroBytes = new AtomicLong();
    public final AtomicLong dataBytesWritten = new AtomicLong();
    public final AtomicInteger flushes = new AtomicInteger();
    public final AtomicInteger chunkedRejected = new AtomicInteger();
    public final AtomicInteger served503 = new AtomicInteger();
    public final AtomicInteger droppedPuts = new AtomicInteger();
    public final AtomicInteger forbidden = new AtomicInteger();
    private final AtomicInteger inflight = new AtomicInteger();
    public final AtomicInteger maxInflight = new AtomicInteger();
    /** Requests in flight per ticket: how many transfers use this server at once. */
    private final Map<String, Integer> busyTickets = new ConcurrentHashMap<>();
    public final AtomicInteger maxTicketsAtOnce = new AtomicInteger();
    /** The client ports seen: one per TCP connection the client opened. */
    public final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    private ImageioServer(HttpServer server, Map<String, Ticket> tickets) {
        this.server = server;
        this.tickets = tickets;
        server.createContext("/images/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** Plain HTTP on 127.0.0.1 (imageio can run without TLS on a host). */
    public static ImageioServer http() throws IOException {
        return http(new ConcurrentHashMap<>());
    }

    static ImageioServer http(Map<String, Ticket> shared) throws IOException {
        return new ImageioServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64), shared);
    }

    /** HTTPS with the test CA's server certificate (CN=localhost, SAN 127.0.0.1). */
    public static ImageioServer https() throws IOException {
        return https(new ConcurrentHashMap<>());
    }

    static ImageioServer https(Map<String, Ticket> shared) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext()));
        return new ImageioServer(s, shared);
    }

    /**
     * CPU time (user + system) the server's request handlers have used so far, for benchmarks that want to tell the
     * server's share of a process's CPU from the client's. The HTTP server's own dispatcher thread (accepting and
     * parsing connections) is not counted.
     */
    public long cpuNanos() {
        long sum = endedThreadsCpu.get();
        for (Thread t : handlers) {
            sum += Math.max(0, THREADS.getThreadCpuTime(t.threadId()));
        }
        return sum;
    }

    public String base() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds a ticket for {@code file} (size bytes; the file is grown sparse to that size) and returns its URL. */
    public String addTicket(String uuid, Path file, long size, Set<String> ops, Duration timeout) throws IOException {
        Ticket t = new Ticket(uuid, file, size, ops, timeout);
        if (t.channel.size() < size) {
            try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(size);
            }
        }
        tickets.put(uuid, t);
        return ticketUrl(uuid);
    }

    public String ticketUrl(String uuid) {
        return base() + "/images/" + uuid;
    }

    public void removeTicket(String uuid) {
        Ticket t = tickets.remove(uuid);
        if (t != null) {
            t.close();
        }
    }

    public Ticket ticket(String uuid) {
        return tickets.get(uuid);
    }

    public ImageioServer features(Set<String> f) {
        this.features = Set.copyOf(f);
        return this;
    }

    public ImageioServer maxConnections(int readers, int writers) {
        this.maxReaders = readers;
        this.maxWriters = writers;
        return this;
    }

    public ImageioServer checksum(boolean offered) {
        this.checksum = offered;
        return this;
    }

    public void fail503(int requests) {
        fail503.set(requests);
    }

    public void dropNextPuts(int n) {
        dropPuts.set(n);
    }

    public void delay(Duration d) {
        delayMillis = d.toMillis();
    }

    /** PUTs arriving from now on wait (the writer seems slow) until {@link #releasePuts}. */
    public void holdPuts() {
        heldPuts = new java.util.concurrent.CountDownLatch(1);
    }

    public void releasePuts() {
        java.util.concurrent.CountDownLatch h = heldPuts;
        heldPuts = null;
        if (h != null) {
            h.countDown();
        }
    }

    @Override
    public void close() {
        releasePuts();
        server.stop(0);
        pool.shutdownNow();
        tickets.values().forEach(Ticket::close);
    }

    // ---- protocol

    private void handle(HttpExchange ex) throws IOException {
        clientPorts.add(ex.getRemoteAddress().getPort());
        int now = inflight.incrementAndGet();
        maxInflight.accumulateAndGet(now, Math::max);
        Matcher path = PATH.matcher(ex.getRequestURI().getPath());
        String ticket = path.matches() ? path.group(1) : "";
        busyTickets.merge(ticket, 1, Integer::sum);
        maxTicketsAtOnce.accumulateAndGet(busyTickets.size(), Math::max);
        try {
            serve(ex);
        } finally {
            inflight.decrementAndGet();
            busyTickets.computeIfPresent(ticket, (k, n) -> n == 1 ? null : n - 1);
            ex.close();
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String method = ex.getRequestMethod();
        Matcher m = PATH.matcher(ex.getRequestURI().getPath());
        if (!m.matches()) {
            text(ex, 404, "No such resource");
            return;
        }
        if (!method.equals("OPTIONS") && fail503.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            served503.incrementAndGet();
            drain(ex);
            text(ex, 503, "Service temporarily unavailable");
            return;
        }
        String sub = m.group(2) == null ? "" : m.group(2);
        if (sub.equals("/checksum/algorithms") && method.equals("GET")) {
            if (!checksum) {
                text(ex, 404, "No such resource");
                return;
            }
            json(ex, 200, Map.of("algorithms", List.of("blake2b", "blake2s", "md5", "sha1", "sha256")));
            return;
        }
        Ticket t = tickets.get(m.group(1));
        if (t == null || t.expired()) {
            forbidden.incrementAndGet();
            drain(ex);
            text(ex, 403, t == null ? "No such ticket" : "Ticket expired");
            return;
        }
        switch (method + " " + sub) {
            case "OPTIONS " -> options(ex, t);
            case "GET " -> get(ex, t);
            case "PUT " -> put(ex, t);
            case "PATCH " -> patch(ex, t);
            case "GET /extents" -> extents(ex, t);
            case "GET /checksum" -> {
                if (!checksum) {
                    text(ex, 404, "No such resource");
                } else {
                    checksum(ex, t);
                }
            }
            default -> {
                drain(ex);
                text(ex, 405, "Method not allowed");
            }
        }
    }

    private void options(HttpExchange ex, Ticket t) throws IOException {
        ex.getResponseHeaders().add("Allow", "OPTIONS,GET,PUT,PATCH");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("features", List.copyOf(features));
        body.put("max_readers", maxReaders);
        body.put("max_writers", maxWriters);
        json(ex, 200, body);
    }

    private void put(HttpExchange ex, Ticket t) throws IOException {
        java.util.concurrent.CountDownLatch held = heldPuts;
        if (held != null) {
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!t.ops.contains("write")) {
            drain(ex);
            text(ex, 403, "Ticket does not allow write");
            return;
        }
        String te = ex.getRequestHeaders().getFirst("Transfer-Encoding");
        String cl = ex.getRequestHeaders().getFirst("Content-Length");
        if (te != null && te.toLowerCase().contains("chunked") || cl == null) {
            chunkedRejected.incrementAndGet();
            drain(ex);
            text(ex, 400, "Chunked or unsized request bodies are not supported");
            return;
        }
        long length = Long.parseLong(cl);
        long offset = 0;
        String cr = ex.getRequestHeaders().getFirst("Content-Range");
        if (cr != null) {
            Matcher m = CONTENT_RANGE.matcher(cr.trim());
            if (!m.matches()) {
                drain(ex);
                text(ex, 400, "Invalid Content-Range: " + cr);
                return;
            }
            offset = Long.parseLong(m.group(1));
            long end = Long.parseLong(m.group(2));
            if (end - offset + 1 != length) {
                drain(ex);
                text(ex, 400, "Content-Range does not match Content-Length");
                return;
            }
        }
        if (offset + length > t.size) {
            drain(ex);
            text(ex, 416, "Requested range out of image bounds");
            return;
        }
        puts.incrementAndGet();
        boolean drop = dropPuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        InputStream in = ex.getRequestBody();
        byte[] buf = new byte[1 << 20];
        long done = 0;
        while (done < length) {
            // the JDK server hands the body over in pieces of at most 8 KiB: gather a whole buffer before writing
            // it, so the file gets one write per MiB (as imageio writes its buffer), not one per 8 KiB
            int want = (int) Math.min(buf.length, length - done);
            if (drop && done < length / 2) {
                want = (int) Math.min(want, length / 2 - done); // drop the connection halfway, as before
            }
            int n = in.readNBytes(buf, 0, want);
            if (n < want) {
                throw new IOException("client sent " + (done + n) + " of " + length + " bytes");
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                t.channel.write(bb, offset + done + bb.position());
            }
            done += n;
            if (drop && done >= length / 2) {
                droppedPuts.incrementAndGet();
                // a broken connection in the middle of the body: no response at all
                throw new IOException("fault injection: connection dropped mid-PUT");
            }
        }
        dataBytesWritten.addAndGet(length);
        if (!"n".equals(query(ex, "flush"))) {
            t.channel.force(false);
        }
        ex.sendResponseHeaders(200, -1);
    }

    private void get(HttpExchange ex, Ticket t) throws IOException {
        if (!t.ops.contains("read")) {
            text(ex, 403, "Ticket does not allow read");
            return;
        }
        gets.incrementAndGet();
        String range = ex.getRequestHeaders().getFirst("Range");
        long start = 0;
        long end = t.size - 1;
        int status = 200;
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches()) {
                text(ex, 416, "Multiple or suffix ranges are not supported: " + range);
                return;
            }
            start = Long.parseLong(m.group(1));
            end = m.group(2).isEmpty() ? t.size - 1 : Long.parseLong(m.group(2));
            if (start >= t.size || end >= t.size || end < start) {
                ex.getResponseHeaders().add("Content-Range", "bytes */" + t.size);
                text(ex, 416, "Requested range not satisfiable");
                return;
            }
            status = 206;
            ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + end + "/" + t.size);
        }
        long length = end - start + 1;
        ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(status, length);
        OutputStream out = ex.getResponseBody();
        byte[] buf = new byte[1 << 20];
        long done = 0;
        while (done < length) {
            int n = (int) Math.min(buf.length, length - done);
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                if (t.channel.read(bb, start + done + bb.position()) < 0) {
                    java.util.Arrays.fill(buf, bb.position(), n, (byte) 0);
                    break;
                }
            }
            out.write(buf, 0, n);
            done += n;
        }
        out.flush();
    }

    private void patch(HttpExchange ex, Ticket t) throws IOException {
        JsonNode req;
        try (InputStream in = ex.getRequestBody()) {
            req = JSON.readTree(in);
        } catch (IOException e) {
            text(ex, 400, "Invalid JSON");
            return;
        }
        String op = req.path("op").asText("");
        switch (op) {
            case "zero" -> {
                long offset = req.path("offset").asLong(-1);
                long size = req.path("size").asLong(-1);
                if (offset < 0 || size < 0) {
                    text(ex, 400, "Invalid offset or size");
                    return;
                }
                if (offset + size > t.size) {
                    text(ex, 416, "Requested range out of image bounds");
                    return;
                }
                zeroRange(t, offset, size);
                zeroRequests.incrementAndGet();
                zeroBytes.addAndGet(size);
                if (req.path("flush").asBoolean(false)) {
                    t.channel.force(false);
                }
                ex.sendResponseHeaders(200, -1);
            }
            case "flush" -> {
                t.channel.force(false);
                flushes.incrementAndGet();
                ex.sendResponseHeaders(200, -1);
            }
            default -> text(ex, 400, "Unsupported operation: " + op);
        }
    }

    /**
     * Zeroes a range as ovirt-imageio's file backend does for a sparse image
     * ({@code ovirt_imageio/_internal/backends/file.py}, {@code FileBackend._zero_sparse}): one
     * {@code fallocate(PUNCH_HOLE | KEEP_SIZE)}, whatever the size, so the range reads as zeros and holds no space.
     * Where hole punching is not available imageio writes zeros; this server writes them over the range's data only
     * (its holes already read as zeros), which leaves the same bytes.
     */
    private static void zeroRange(Ticket t, long offset, long size) throws IOException {
        if (PunchHole.punch(t.file, offset, size)) {
            return;
        }
        byte[] zeros = new byte[1 << 20];
        for (Extent e : SparseMap.scan(t.file, t.size)) {
            long s = Math.max(e.start(), offset);
            long end = Math.min(e.end(), offset + size);
            if (e.zero() || s >= end) {
                continue;
            }
            for (long p = s; p < end; p += zeros.length) {
                int n = (int) Math.min(zeros.length, end - p);
                t.channel.write(ByteBuffer.wrap(zeros, 0, n), p);
            }
        }
    }

    private void extents(HttpExchange ex, Ticket t) throws IOException {
        String context = query(ex, "context");
        if (context != null && !context.equals("zero")) {
            text(ex, 404, "Context " + context + " not available");
            return;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Extent e : SparseMap.scan(t.file, t.size)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", e.start());
            m.put("length", e.length());
            m.put("zero", e.zero());
            m.put("hole", e.zero());
            out.add(m);
        }
        json(ex, 200, out);
    }

    /**
     * imageio's blkhash, written plainly here (one block after another) so the client's version is checked. As
     * imageio's checksum handler does ({@code ovirt_imageio/_internal/handlers/checksum.py}: blocks split from the
     * backend's zero extents, {@code Hash.zero} for a zero block), a block lying wholly in a hole is not read: it
     * gets the digest of a block of zeros (computed here by hashing zeros, not taken from the client's code).
     */
    private void checksum(HttpExchange ex, Ticket t) throws IOException {
        String alg = query(ex, "algorithm");
        int blockSize = Integer.parseInt(java.util.Objects.requireNonNullElse(query(ex, "block_size"), "4194304"));
        if (alg != null && !alg.equals("blake2b")) {
            text(ex, 400, "this test server computes blake2b only");
            return;
        }
        List<Extent> extents = SparseMap.scan(t.file, t.size);
        Blake2bDigest outer = new Blake2bDigest(256);
        byte[] buf = new byte[blockSize];
        byte[] d = new byte[32];
        byte[] zeroBlock = null;
        int e = 0;
        for (long pos = 0; pos < t.size; pos += blockSize) {
            int n = (int) Math.min(blockSize, t.size - pos);
            while (extents.get(e).end() <= pos) {
                e++;
            }
            boolean hole = extents.get(e).zero() && extents.get(e).end() >= pos + n;
            if (hole && n == blockSize && zeroBlock != null) {
                outer.update(zeroBlock, 0, 32);
                continue;
            }
            if (hole) {
                java.util.Arrays.fill(buf, 0, n, (byte) 0);
            } else {
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    if (t.channel.read(bb, pos + bb.position()) < 0) {
                        java.util.Arrays.fill(buf, bb.position(), n, (byte) 0);
                        break;
                    }
                }
            }
            Blake2bDigest inner = new Blake2bDigest(256);
            inner.update(buf, 0, n);
            inner.doFinal(d, 0);
            outer.update(d, 0, 32);
            if (hole && n == blockSize) {
                zeroBlock = d.clone();
            }
        }
        outer.doFinal(d, 0);
        json(ex, 200, Map.of("algorithm", "blake2b", "block_size", blockSize, "checksum", HexFormat.of().formatHex(d)));
    }

    // ---- helpers

    private static String query(HttpExchange ex, String key) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(key)) {
                return java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void drain(HttpExchange ex) {
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the client went away
        }
    }

    static void text(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    static void json(HttpExchange ex, int status, Object body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
    }
}
