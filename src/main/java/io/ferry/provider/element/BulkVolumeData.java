package io.ferry.provider.element;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.io.IoErrors;
import io.ferry.provider.io.Zeros;
import io.ferry.provider.remote.RemoteFailures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Moves a bulk volume job's data through the node's web server — the {@code url} StartBulkVolumeRead/Write
 * return for a job started without a script. NetApp documents only that "the key and URL are necessary"; the
 * request shape below is Ferry's assumption, kept in this one class (docs/element.md, "Moving the data"):
 * <ul>
 *   <li>the data lives at the URL with the job's key as the last path segment ({@link #dataUrl});</li>
 *   <li>a read job answers {@code GET} with the volume's bytes in the job's format (uncompressed: every byte of
 *       the volume; native: opaque data) as one body;</li>
 *   <li>a write job takes those bytes as the body of one {@code PUT} ({@code application/octet-stream}, with
 *       its Content-Length) and answers 2xx once stored.</li>
 * </ul>
 * The node is reached with the cluster's client (the pinned certificate); the key, not the admin password,
 * identifies the session, so no Authorization header is sent.
 */
final class BulkVolumeData {
    static final int CHUNK = 256 << 10;
    /** Zero runs of this size are left as holes in a downloaded file. */
    static final int HOLE_BLOCK = 64 << 10;
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");

    /** Where the bytes go: progress, bandwidth, and the checkpoint where pause and cancel arrive. */
    interface Listener {
        void acquire(int bytes) throws InterruptedException;

        void progress(long done, long total) throws TransferStopped, TransferException, InterruptedException;
    }

    private BulkVolumeData() {}

    /** The data URL: {@code url} with {@code key} appended as a path segment. */
    static HttpUrl dataUrl(String url, String key) throws TransferException {
        HttpUrl base = url == null ? null : HttpUrl.parse(url.trim());
        if (base == null || key == null || key.isBlank()) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, url == null ? "" : url,
                    "the cluster gave no usable URL for the job's data (\"" + url + "\"): the job cannot be served");
        }
        HttpUrl.Builder b = base.newBuilder();
        var segments = base.pathSegments();
        if (!segments.isEmpty() && segments.getLast().isEmpty()) {
            b.removePathSegment(segments.size() - 1);
        }
        return b.addPathSegment(key.trim()).build();
    }

    /**
     * GETs the read job's data into {@code part} (created or truncated), leaving all-zero blocks as holes, and
     * fsyncs it. Returns the bytes received.
     */
    static long download(OkHttpClient http, HttpUrl url, Path part, Listener l)
            throws TransferException, TransferStopped, InterruptedException {
        Request req = new Request.Builder().url(url).header("Accept", "application/octet-stream").get().build();
        String shown = url.toString();
        try (Response resp = execute(http, req, shown)) {
            if (!resp.isSuccessful()) {
                throw httpFailure(resp, shown, "GET");
            }
            long total = resp.body().contentLength();
            l.progress(0, total);
            try (FileChannel out = open(part);
                 InputStream in = resp.body().byteStream()) {
                byte[] buf = new byte[CHUNK];
                long pos = 0;
                while (true) {
                    int n;
                    try {
                        n = in.readNBytes(buf, 0, buf.length);
                    } catch (IOException e) {
                        throw RemoteFailures.io(e, shown + " (GET, after " + pos + " bytes)");
                    }
                    if (n == 0) {
                        break;
                    }
                    l.acquire(n);
                    writeSparse(out, buf, n, pos, part);
                    pos += n;
                    l.progress(pos, total);
                }
                if (total >= 0 && pos != total) {
                    // a body cut short is a connection that ended early: worth another attempt
                    throw new TransferException(ErrorCode.UNAVAILABLE, shown,
                            "the connection ended after " + pos + " of the " + total + " bytes the node announced");
                }
                finish(out, pos, part);
                return pos;
            } catch (IOException e) {
                throw local(e, part, "write");
            }
        }
    }

    /** PUTs {@code file} as the write job's data. Returns the bytes sent. */
    static long upload(OkHttpClient http, HttpUrl url, Path file, Listener l)
            throws TransferException, TransferStopped, InterruptedException {
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw local(e, file, "read");
        }
        l.progress(0, size);
        FileBody body = new FileBody(file, size, l);
        Request req = new Request.Builder().url(url).put(body).build();
        String shown = url.toString();
        try (Response resp = execute(http, req, shown)) {
            if (!resp.isSuccessful()) {
                throw httpFailure(resp, shown, "PUT");
            }
        } catch (TransferException e) {
            body.rethrowCause();
            throw e;
        }
        return size;
    }

    private static Response execute(OkHttpClient http, Request req, String shown) throws TransferException {
        try {
            return http.newCall(req).execute();
        } catch (Tunnel t) {
            throw new TransferException(ErrorCode.INTERNAL, shown, "upload stopped", t); // unwrapped by the caller
        } catch (IOException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof Tunnel) {
                    throw new TransferException(ErrorCode.INTERNAL, shown, "upload stopped", c);
                }
                if (c instanceof CertificatePinMismatchException pin) {
                    throw new TransferException(ErrorCode.FAILED_PRECONDITION, shown, pin.getMessage(), e);
                }
            }
            throw RemoteFailures.io(e, shown + " (" + req.method() + ")");
        }
    }

    /** A non-2xx answer from the node: the HTTP status's code, with the status line and body's start. */
    private static TransferException httpFailure(Response resp, String shown, String method) {
        String body;
        try {
            body = resp.peekBody(4096).string();
        } catch (IOException | RuntimeException e) {
            body = "";
        }
        String detail = "the node's web server answered " + method + " with HTTP " + resp.code()
                + (resp.message().isBlank() ? "" : " " + resp.message()) + ": " + RemoteFailures.snippet(body);
        return new TransferException(ErrorCode.fromHttpStatus(resp.code()), shown, detail);
    }

    private static FileChannel open(Path part) throws IOException {
        return FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Writes the non-zero {@link #HOLE_BLOCK}s of {@code buf[0, n)} at {@code pos}; zero blocks stay holes. */
    private static void writeSparse(FileChannel out, byte[] buf, int n, long pos, Path part) throws IOException {
        for (int off = 0; off < n; off += HOLE_BLOCK) {
            int len = Math.min(HOLE_BLOCK, n - off);
            if (Zeros.isZero(buf, off, len)) {
                continue;
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
            while (bb.hasRemaining()) {
                out.write(bb, pos + off + (bb.position() - off));
            }
        }
    }

    /** Gives the file its full length (a trailing zero run is a hole) and makes it durable. */
    private static void finish(FileChannel out, long size, Path part) throws IOException {
        if (out.size() < size) {
            out.write(ByteBuffer.allocate(1), size - 1);
        }
        out.force(true);
    }

    static TransferException local(IOException e, Path file, String what) {
        ErrorCode code = IoErrors.codeOf(e);
        return new TransferException(code, file.toString(), "cannot " + what + " " + file + ": " + IoErrors.describe(e)
                + " — " + IoErrors.advice(code), e);
    }

    /** Carries a stop, a failure or an interrupt out of OkHttp's {@code writeTo}, which may only throw IOException. */
    static final class Tunnel extends IOException {
        Tunnel(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The file as a one-shot request body, read chunk by chunk with progress, bandwidth and checkpoints. */
    private static final class FileBody extends RequestBody {
        private final Path file;
        private final long size;
        private final Listener l;
        private volatile Exception cause;

        FileBody(Path file, long size, Listener l) {
            this.file = file;
            this.size = size;
            this.l = l;
        }

        @Override
        public MediaType contentType() {
            return OCTETS;
        }

        @Override
        public long contentLength() {
            return size;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            FileChannel in;
            try {
                in = FileChannel.open(file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw tunnel(local(e, file, "read"));
            }
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long done = 0;
            try (in) {
                while (done < size) {
                    buf.clear().limit((int) Math.min(CHUNK, size - done));
                    int n;
                    try {
                        n = in.read(buf, done);
                    } catch (IOException e) {
                        throw tunnel(local(e, file, "read"));
                    }
                    if (n < 0) {
                        throw tunnel(new TransferException(ErrorCode.ABORTED, file.toString(), file
                                + " shrank while it was being sent (" + done + " of " + size + " bytes): retry when it no longer changes"));
                    }
                    l.acquire(n);
                    sink.write(buf.array(), 0, n); // an IOException here is the connection's: mapped by the caller
                    done += n;
                    l.progress(done, size);
                }
            } catch (TransferStopped | TransferException | InterruptedException e) {
                throw tunnel(e);
            }
        }

        private Tunnel tunnel(Exception e) {
            cause = e;
            return new Tunnel(e);
        }

        /** Throws what stopped the body from being written, if anything did. */
        void rethrowCause() throws TransferException, TransferStopped, InterruptedException {
            Exception c = cause;
            if (c instanceof TransferStopped s) {
                throw s;
            }
            if (c instanceof TransferException e) {
                throw e;
            }
            if (c instanceof InterruptedException ie) {
                throw ie;
            }
        }
    }
}
