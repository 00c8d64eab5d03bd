package io.ferry.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A fault-injecting HTTP/1.1 proxy on 127.0.0.1 for tests: clients talk to {@link #port()}, every connection is
 * relayed to one upstream connection to the real test server, request by request (keep-alive, Content-Length and
 * chunked bodies). Armed faults ({@link #inject}) apply to the next requests that match:
 *
 * <ul>
 *   <li>{@link #reset()}: the client's connection is reset (RST) as soon as the request head arrives;
 *   <li>{@link #status(int, String, String)}: the proxy answers itself (e.g. a 503) and never forwards the request;
 *   <li>{@link #latency(Duration)}: the response head is held back this long;
 *   <li>{@link #truncate()}: the response head and half the body are relayed, then the connection is closed;
 *   <li>{@link #stall(Duration)}: the request is forwarded, then nothing comes back until the client gives up
 *       (closes) or at most the given time has passed, then the connection is closed: never unbounded.
 * </ul>
 *
 * Plain HTTP only: a fault proxy in front of TLS would see nothing but records, so the servers run without TLS.
 */
public final class FaultProxy implements Closeable {
    /** What the proxy does to one request. */
    public sealed interface Fault permits Reset, Status, Latency, Truncate, Stall {}

    public record Reset() implements Fault {}

    public record Status(int code, String contentType, String body) implements Fault {}

    public record Latency(Duration delay) implements Fault {}

    public record Truncate() implements Fault {}

    public record Stall(Duration atMost) implements Fault {}

    /** One request as the proxy saw it. */
    public record Request(String method, String target) {}

    /** One request the proxy handled and what it did to it ("" = relayed untouched). */
    public record Seen(Request request, String fault, int upstreamStatus) {}

    private record Armed(Fault fault, Predicate<Request> when, int[] left) {}

    public static Fault reset() {
        return new Reset();
    }

    public static Fault status(int code, String contentType, String body) {
        return new Status(code, contentType, body);
    }

    public static Fault latency(Duration d) {
        return new Latency(d);
    }

    public static Fault truncate() {
        return new Truncate();
    }

    public static Fault stall(Duration atMost) {
        return new Stall(atMost);
    }

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final List<Armed> armed = new ArrayList<>();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;
    private final javax.net.ssl.SSLSocketFactory tls;

    public FaultProxy(int upstreamPort) throws IOException {
        this(upstreamPort, null);
    }

    /**
     * A proxy that terminates TLS towards the client with {@code tls}'s certificate (a server-side socket factory,
     * e.g. the pinned Element test certificate) and speaks plain HTTP to the upstream server, so faults can be
     * injected in front of a client that only talks https. A reset closes the TCP connection itself (RST, no TLS
     * close_notify).
     */
    public FaultProxy(int upstreamPort, javax.net.ssl.SSLSocketFactory tls) throws IOException {
        this.tls = tls;
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("fault-proxy-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Arms {@code fault} for the next {@code times} requests matching {@code when}. */
    public synchronized FaultProxy inject(Fault fault, int times, Predicate<Request> when) {
        armed.add(new Armed(fault, when, new int[] {times}));
        return this;
    }

    /** Every request handled so far, in order. */
    public List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** How many requests got a fault of this type. */
    public long injected(Class<? extends Fault> kind) {
        return seen().stream().filter(s -> s.fault().equals(kind.getSimpleName())).count();
    }

    private synchronized Fault take(Request r) {
        for (Armed a : armed) {
            if (a.left()[0] > 0 && a.when().test(r)) {
                a.left()[0]--;
                return a.fault();
            }
        }
        return null;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket c = server.accept();
                open.add(c);
                Socket s = tls == null ? c : tls.createSocket(c, null, true); // server mode: the handshake comes first
                Thread.ofPlatform().daemon().name("fault-proxy-conn").start(() -> serve(s, c));
            } catch (IOException e) {
                if (!closed) {
                    seen.add(new Seen(new Request("", ""), "accept failed: " + e.getMessage(), 0));
                }
            }
        }
    }

    private void serve(Socket client, Socket raw) {
        Socket up = null;
        try (client) {
            InputStream cin = new BufferedInputStream(client.getInputStream());
            OutputStream cout = client.getOutputStream();
            InputStream uin = null;
            OutputStream uout = null;
            while (!closed) {
                Head req = Head.read(cin);
                if (req == null) {
                    return;
                }
                String[] line = req.first().split(" ", 3);
                Request r = new Request(line[0], line.length > 1 ? line[1] : "");
                Fault f = take(r);
                if (f instanceof Reset) {
                    seen.add(new Seen(r, "Reset", 0));
                    raw.setSoLinger(true, 0);
                    raw.close();
                    return;
                }
                if (f instanceof Status s) {
                    relayBody(req, cin, OutputStream.nullOutputStream(), Long.MAX_VALUE);
                    byte[] body = s.body().getBytes(StandardCharsets.UTF_8);
                    String head = "HTTP/1.1 " + s.code() + " Injected\r\nContent-Type: " + s.contentType()
                            + "\r\nContent-Length: " + body.length + "\r\n\r\n";
                    // recorded before the reply leaves: a client that acts on it must find it in seen()
                    seen.add(new Seen(r, "Status", 0));
                    cout.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    cout.write(body);
                    cout.flush();
                    continue;
                }
                if (up == null) {
                    up = new Socket();
                    open.add(up);
                    up.connect(upstream, 5000);
                    uin = new BufferedInputStream(up.getInputStream());
                    uout = up.getOutputStream();
                }
                uout.write(req.raw());
                relayBody(req, cin, uout, Long.MAX_VALUE);
                uout.flush();
                if (f instanceof Stall st) {
                    seen.add(new Seen(r, "Stall", 0));
                    client.setSoTimeout((int) Math.max(1, st.atMost().toMillis()));
                    try {
                        while (cin.read() >= 0) {
                            // a client that keeps sending is drained; we wait for it to give up
                        }
                    } catch (SocketTimeoutException e) {
                        // bounded: the proxy gives up itself
                    }
                    return;
                }
                Head resp = Head.read(uin);
                if (resp == null) {
                    return;
                }
                int status = Integer.parseInt(resp.first().split(" ", 3)[1]);
                if (f instanceof Latency l) {
                    Thread.sleep(l.delay());
                }
                boolean noBody = r.method().equals("HEAD") || status / 100 == 1 || status == 204 || status == 304;
                seen.add(new Seen(r, f instanceof Truncate ? "Truncate" : f == null ? "" : f.getClass().getSimpleName(),
                        status)); // before the reply leaves, as above
                cout.write(resp.raw());
                if (f instanceof Truncate) {
                    long len = resp.contentLength();
                    long half = len > 0 ? len / 2 : 1;
                    relayBody(resp, uin, cout, half);
                    cout.flush();
                    return;
                }
                if (!noBody) {
                    relayBody(resp, uin, cout, Long.MAX_VALUE);
                }
                cout.flush();
                if ("close".equalsIgnoreCase(resp.header("connection")) || (!noBody && !resp.hasLength())) {
                    return;
                }
            }
        } catch (IOException e) {
            // either side went away: the connection ends, as a real network path would
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(raw);
            if (up != null) {
                open.remove(up);
                try {
                    up.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    /** Copies a message body (Content-Length, chunked, or to the end of the stream), at most {@code limit} bytes. */
    private static void relayBody(Head h, InputStream in, OutputStream out, long limit) throws IOException {
        if ("chunked".equalsIgnoreCase(h.header("transfer-encoding"))) {
            long sent = 0;
            while (true) {
                String size = readLine(in);
                write(out, size + "\r\n");
                int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
                if (n == 0) {
                    String trailer;
                    do {
                        trailer = readLine(in);
                        write(out, trailer + "\r\n");
                    } while (!trailer.isEmpty());
                    return;
                }
                long take = Math.min(n, limit - sent);
                copy(in, out, take);
                sent += take;
                if (sent >= limit) {
                    return;
                }
                copy(in, out, n - take + 2);
            }
        }
        long len = h.contentLength();
        if (len >= 0) {
            copy(in, out, Math.min(len, limit));
        } else if (h.isResponse()) {
            copy(in, out, limit);
        }
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("peer closed with " + left + " bytes of the body outstanding");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("end of stream");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** A request or response head, kept verbatim for relaying. */
    private record Head(String first, Map<String, String> headers, byte[] raw) {
        static Head read(InputStream in) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            Map<String, String> headers = new LinkedHashMap<>();
            String first = null;
            while (true) {
                String line;
                try {
                    line = readLine(in);
                } catch (IOException e) {
                    if (first == null) {
                        return null;
                    }
                    throw e;
                }
                raw.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                if (first == null) {
                    first = line;
                } else if (line.isEmpty()) {
                    return new Head(first, headers, raw.toByteArray());
                } else {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                    }
                }
            }
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        boolean isResponse() {
            return first.startsWith("HTTP/");
        }

        boolean hasLength() {
            return !header("content-length").isEmpty() || "chunked".equalsIgnoreCase(header("transfer-encoding"));
        }

        long contentLength() {
            String v = header("content-length");
            return v.isEmpty() ? -1 : Long.parseLong(v);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
