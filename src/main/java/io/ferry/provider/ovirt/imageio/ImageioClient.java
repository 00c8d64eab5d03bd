package io.ferry.provider.ovirt.imageio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.http.HttpFailures;
import io.ferry.provider.ovirt.http.Redact;
import io.ferry.provider.ovirt.image.Extent;
import io.ferry.provider.remote.JsonValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The ovirt-imageio HTTP protocol for one ticket URL ({@code https://HOST:54322/images/TICKET} or the engine's
 * proxy): OPTIONS, ranged PUT and GET, PATCH zero and flush, extents and checksum. Bodies are always fixed-length
 * (imageio rejects chunked uploads). Transient failures (UNAVAILABLE, DEADLINE_EXCEEDED) are retried a few times
 * with backoff; every request is idempotent. The ticket never appears in a message.
 */
public final class ImageioClient {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How much of a PUT body is handed to Okio at a time (its segment pool holds 64 KiB). */
    private static final int PUT_PIECE = 64 * 1024;

    private final OkHttpClient http;
    private final OkHttpClient slow;
    private final HttpUrl url;
    private final String shownUrl;
    private final int attempts;

    public ImageioClient(OkHttpClient http, HttpUrl ticketUrl, int attempts) {
        this.http = http;
        this.slow = http.newBuilder().readTimeout(30, TimeUnit.MINUTES).build();
        this.url = ticketUrl;
        this.shownUrl = Redact.url(ticketUrl);
        this.attempts = Math.max(1, attempts);
    }

    /** The URL with its ticket hidden, for messages. */
    public String shownUrl() {
        return shownUrl;
    }

    public HttpUrl url() {
        return url;
    }

    /** OPTIONS; a server that does not know it (405, 501) is taken to have no features and one connection. */
    public ImageioOptions options() throws TransferException, InterruptedException {
        Request req = new Request.Builder().url(url).method("OPTIONS", null).build();
        return call("OPTIONS", http, req, r -> {
            if (r.code() == 405 || r.code() == 501) {
                return new ImageioOptions(Set.of(), 1, 1);
            }
            expect(r, "OPTIONS", 200, 204);
            return readOptions(r.body().string(), shownUrl);
        });
    }

    /** OPTIONS' reply: features and connection limits (absent, odd or huge limits: one connection, or the cap). */
    static ImageioOptions readOptions(String body, String shownUrl) throws TransferException {
        JsonNode n = json("OPTIONS", body, shownUrl);
        Set<String> features = new HashSet<>();
        n.path("features").forEach(f -> features.add(f.isValueNode() ? f.asText() : f.toString()));
        return new ImageioOptions(features, connections(n.path("max_readers")), connections(n.path("max_writers")));
    }

    private static int connections(JsonNode v) {
        long n = JsonValues.exactLong(v).orElse(1);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, n));
    }

    /**
     * A body that must be JSON (empty reads as a missing node). When it is not (an HTML page from a proxy, a cut-off
     * body) the call failed like a broken connection, as before: UNAVAILABLE (retried), now saying what came instead.
     */
    private static JsonNode json(String what, String body, String shownUrl) throws TransferException {
        try {
            return MAPPER.readTree(body); // an empty body is a missing node: no features, no algorithms
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new TransferException(ErrorCode.UNAVAILABLE, shownUrl,
                    what + ": the server's reply is not JSON (" + why + "): " + abbreviate(body.strip()), e);
        }
    }

    /** PUT {@code len} bytes of {@code buf} at {@code offset}, not flushed ({@code ?flush=n}). */
    public void put(long offset, byte[] buf, int len) throws TransferException, InterruptedException {
        HttpUrl u = url.newBuilder().addQueryParameter("flush", "n").build();
        Request req = new Request.Builder()
                .url(u)
                .put(RequestBody.create(buf, null, 0, len))
                .header("Content-Range", "bytes " + offset + "-" + (offset + len - 1) + "/*")
                .build();
        call("PUT", http, req, r -> {
            expect(r, "PUT", 200, 204);
            return null;
        });
    }

    /**
     * PUT the first {@code len} bytes of a (direct) buffer at {@code offset}, not flushed: the body is written from
     * the buffer straight into the connection, fixed length.
     */
    public void put(long offset, java.nio.ByteBuffer buf, int len) throws TransferException, InterruptedException {
        HttpUrl u = url.newBuilder().addQueryParameter("flush", "n").build();
        RequestBody body = new RequestBody() {
            @Override
            public MediaType contentType() {
                return null;
            }

            @Override
            public long contentLength() {
                return len;
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws IOException {
                // in pieces: Okio copies a whole ByteBuffer into its buffer before sending any of it, so an 8 MiB
                // write took ~1,000 fresh 8 KiB segments (its pool keeps 64 KiB) and left 8 MiB of garbage per PUT;
                // 64 KiB pieces are sent as they are copied, and their segments go back to the pool
                java.nio.ByteBuffer b = buf.duplicate().clear().limit(len);
                while (b.hasRemaining()) {
                    int n = Math.min(b.remaining(), PUT_PIECE);
                    java.nio.ByteBuffer piece = b.slice(b.position(), n);
                    while (piece.hasRemaining()) {
                        sink.write(piece);
                    }
                    b.position(b.position() + n);
                }
            }
        };
        Request req = new Request.Builder()
                .url(u)
                .put(body)
                .header("Content-Range", "bytes " + offset + "-" + (offset + len - 1) + "/*")
                .build();
        call("PUT", http, req, r -> {
            expect(r, "PUT", 200, 204);
            return null;
        });
    }

    /** GET exactly {@code len} bytes at {@code offset} into the start of a (direct) buffer; fewer is DATA_LOSS. */
    public void get(long offset, java.nio.ByteBuffer buf, int len) throws TransferException, InterruptedException {
        Request req = new Request.Builder()
                .url(url)
                .header("Range", "bytes=" + offset + "-" + (offset + len - 1))
                .build();
        call("GET", http, req, r -> {
            expect(r, "GET", 206, 200);
            BufferedSource src = r.body().source();
            java.nio.ByteBuffer b = buf.duplicate().clear().limit(len);
            while (b.hasRemaining()) {
                if (src.read(b) < 0) {
                    throw HttpFailures.dataLoss(shownUrl, "GET " + offset + "+" + len + ": the server sent only "
                            + b.position() + " bytes");
                }
            }
            return null;
        });
    }

    /** PATCH {"op": "zero"} for {@code size} bytes at {@code offset}, not flushed. */
    public void zero(long offset, long size) throws TransferException, InterruptedException {
        patch(Map.of("op", "zero", "offset", offset, "size", size, "flush", false), "PATCH zero");
    }

    /** PATCH {"op": "flush"}: what was written is on storage. */
    public void flush() throws TransferException, InterruptedException {
        patch(Map.of("op", "flush"), "PATCH flush");
    }

    private void patch(Map<String, Object> body, String what) throws TransferException, InterruptedException {
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Request req = new Request.Builder().url(url).patch(RequestBody.create(json, JSON)).build();
        call(what, slow, req, r -> {
            expect(r, what, 200, 204);
            return null;
        });
    }

    /** GET exactly {@code len} bytes at {@code offset} into {@code buf}; fewer is DATA_LOSS. */
    public void get(long offset, byte[] buf, int len) throws TransferException, InterruptedException {
        Request req = new Request.Builder()
                .url(url)
                .header("Range", "bytes=" + offset + "-" + (offset + len - 1))
                .build();
        call("GET", http, req, r -> {
            expect(r, "GET", 206, 200);
            BufferedSource src = r.body().source();
            int got = 0;
            while (got < len) {
                int n = src.read(buf, got, len - got);
                if (n < 0) {
                    throw HttpFailures.dataLoss(shownUrl, "GET " + offset + "+" + len + ": the server sent only "
                            + got + " bytes");
                }
                got += n;
            }
            return null;
        });
    }

    /** GET .../extents?context=zero: the image's data and zero areas, and so its size. */
    public List<Extent> extents() throws TransferException, InterruptedException {
        HttpUrl u = url.newBuilder().addPathSegment("extents").addQueryParameter("context", "zero").build();
        Request req = new Request.Builder().url(u).build();
        return call("GET extents", slow, req, r -> {
            expect(r, "GET extents", 200);
            return readExtents(r.body().string(), shownUrl);
        });
    }

    /** The extents reply: contiguous from 0, exact whole numbers; anything else is DATA_LOSS naming the entry. */
    static List<Extent> readExtents(String body, String shownUrl) throws TransferException {
        JsonNode arr = json("GET extents", body, shownUrl);
        if (!arr.isArray()) {
            throw HttpFailures.dataLoss(shownUrl, "extents: expected a JSON array, got " + abbreviate(arr.toString()));
        }
        List<Extent> out = new ArrayList<>();
        long expect = 0;
        for (JsonNode e : arr) {
            long start = JsonValues.exactLong(e.path("start")).orElse(-1);
            long length = JsonValues.exactLong(e.path("length")).orElse(-1);
            if (start != expect || length < 0) {
                throw HttpFailures.dataLoss(shownUrl, "extents are not contiguous at " + expect + ": "
                        + abbreviate(e.toString()));
            }
            if (length > Long.MAX_VALUE - start) {
                throw HttpFailures.dataLoss(shownUrl, "extent ends past 2^63 bytes: " + abbreviate(e.toString()));
            }
            out.add(new Extent(start, length, e.path("zero").asBoolean(false)));
            expect = start + length;
        }
        return out;
    }

    /** The image size from a one-byte ranged GET's Content-Range ({@code bytes 0-0/SIZE}), when the server says. */
    public Optional<Long> sizeFromContentRange() throws TransferException, InterruptedException {
        Request req = new Request.Builder().url(url).header("Range", "bytes=0-0").build();
        return call("GET", http, req, r -> {
            expect(r, "GET", 206, 200);
            String cr = r.header("Content-Range", "");
            int slash = cr.lastIndexOf('/');
            if (slash < 0 || cr.endsWith("*")) {
                return Optional.empty();
            }
            try {
                return Optional.of(Long.parseLong(cr.substring(slash + 1).trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** True when the server offers the checksum API with imageio's blkhash algorithm (imageio 2.2 and later). */
    public boolean offersChecksum() throws TransferException, InterruptedException {
        HttpUrl algs = url.newBuilder().addPathSegment("checksum").addPathSegment("algorithms").build();
        return call("GET checksum/algorithms", http, new Request.Builder().url(algs).build(), r -> {
            if (r.code() == 404 || r.code() == 405 || r.code() == 501) {
                return false;
            }
            expect(r, "GET checksum/algorithms", 200);
            return offersBlkhash(r.body().string(), shownUrl);
        });
    }

    /** GET .../checksum: the server's blkhash of its whole image (the server reads the image to answer). */
    public String serverChecksum() throws TransferException, InterruptedException {
        HttpUrl u = url.newBuilder().addPathSegment("checksum")
                .addQueryParameter("algorithm", Blkhash.ALGORITHM)
                .addQueryParameter("block_size", Integer.toString(Blkhash.BLOCK_SIZE))
                .build();
        return call("GET checksum", slow, new Request.Builder().url(u).build(), r -> {
            expect(r, "GET checksum", 200);
            return readChecksum(r.body().string(), shownUrl);
        });
    }

    /** checksum/algorithms' reply: whether blkhash ({@value Blkhash#ALGORITHM}) is among the algorithms. */
    static boolean offersBlkhash(String body, String shownUrl) throws TransferException {
        for (JsonNode a : json("GET checksum/algorithms", body, shownUrl).path("algorithms")) {
            if (Blkhash.ALGORITHM.equals(a.asText())) {
                return true;
            }
        }
        return false;
    }

    /** The checksum reply: the hash, computed with Ferry's block size; anything else is DATA_LOSS. */
    static String readChecksum(String body, String shownUrl) throws TransferException {
        JsonNode n = json("GET checksum", body, shownUrl);
        JsonNode sum = n.path("checksum");
        JsonNode blockSize = n.path("block_size");
        boolean sizeOk = blockSize.isMissingNode()
                || JsonValues.exactLong(blockSize).orElse(-1) == Blkhash.BLOCK_SIZE;
        if (!sum.isTextual() || sum.asText().isEmpty() || !sizeOk) {
            throw HttpFailures.dataLoss(shownUrl, "checksum reply not understood: " + abbreviate(n.toString()));
        }
        return sum.asText();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private void expect(Response r, String what, int... ok) throws TransferException {
        for (int c : ok) {
            if (r.code() == c) {
                return;
            }
        }
        throw HttpFailures.fromResponse(what, r);
    }

    @FunctionalInterface
    private interface Handler<T> {
        T handle(Response r) throws IOException, TransferException;
    }

    private <T> T call(String what, OkHttpClient client, Request req, Handler<T> h)
            throws TransferException, InterruptedException {
        long backoff = 100;
        for (int attempt = 1; ; attempt++) {
            TransferException failure;
            try (Response r = client.newCall(req).execute()) {
                return h.handle(r);
            } catch (TransferException e) {
                failure = e;
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException(what + " interrupted");
                }
                failure = HttpFailures.fromIo(what, shownUrl, e);
            }
            boolean transient_ = failure.code() == ErrorCode.UNAVAILABLE || failure.code() == ErrorCode.DEADLINE_EXCEEDED;
            if (!transient_ || attempt >= attempts || isTrustFailure(failure)) {
                throw failure;
            }
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, 3000);
        }
    }

    private static boolean isTrustFailure(TransferException e) {
        return e.getCause() instanceof javax.net.ssl.SSLException;
    }
}
