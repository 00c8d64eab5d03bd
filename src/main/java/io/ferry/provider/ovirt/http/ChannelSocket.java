package io.ferry.provider.ovirt.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * A plain socket backed by a {@link SocketChannel}, for OkHttp: its output gathers the 8 KiB pieces Okio writes in
 * a native buffer of {@code outSize} bytes and sends them with one {@code write} on the channel, so each byte of a
 * request body is copied once in user space (Okio's segment into that buffer) where a heap buffer took two (into
 * the heap buffer, then the JDK's copy into a native buffer for the system call). Input goes through the channel's
 * own socket stream, which keeps {@link #setSoTimeout read timeouts}, behind a buffer of {@code inSize} bytes.
 *
 * <p>Everything else is the channel's socket adaptor's. Timeouts on writes are Okio's: it closes the socket, which
 * ends a blocked channel write. A write interrupted by {@link Thread#interrupt} closes the socket (the channel's
 * rule), which OkHttp sees as a broken connection and does not reuse.
 */
final class ChannelSocket extends Socket {
    private final SocketChannel channel;
    private final Socket socket;
    private final int outSize;
    private final int inSize;
    private OutputStream out;
    private InputStream in;

    ChannelSocket(int outSize, int inSize) throws IOException {
        this.channel = SocketChannel.open();
        this.socket = channel.socket();
        this.outSize = outSize;
        this.inSize = inSize;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            if (!socket.isConnected()) {
                throw new SocketException("Socket is not connected");
            }
            if (socket.isOutputShutdown()) {
                throw new SocketException("Socket output is shutdown");
            }
            out = new Output(channel, socket, outSize);
        }
        return out;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new BufferedInputStream(socket.getInputStream(), inSize);
        }
        return in;
    }

    /** Gathers writes in a direct buffer; sends it when full and on {@link #flush}. Not thread-safe (one writer). */
    private static final class Output extends OutputStream {
        private final SocketChannel channel;
        private final Socket socket;
        private final int size;
        private ByteBuffer buf;

        Output(SocketChannel channel, Socket socket, int size) {
            this.channel = channel;
            this.socket = socket;
            this.size = size;
        }

        @Override
        public void write(int b) throws IOException {
            buffer().put((byte) b);
            if (!buf.hasRemaining()) {
                send();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            ByteBuffer bb = buffer();
            while (len > 0) {
                int n = Math.min(len, bb.remaining());
                bb.put(b, off, n);
                off += n;
                len -= n;
                if (!bb.hasRemaining()) {
                    send();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (buf != null && buf.position() > 0) {
                send();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                socket.close(); // as a socket's own stream does
            }
        }

        private ByteBuffer buffer() {
            if (buf == null) {
                buf = ByteBuffer.allocateDirect(size);
            }
            return buf;
        }

        private void send() throws IOException {
            buf.flip();
            try {
                while (buf.hasRemaining()) {
                    channel.write(buf); // blocking: returns once all of it is in the socket's buffer
                }
            } finally {
                buf.clear();
            }
        }
    }

    // ---- the rest is the channel's socket ----

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        socket.connect(endpoint);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        socket.connect(endpoint, timeout);
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        socket.bind(bindpoint);
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        socket.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        socket.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return socket.getSoLinger();
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        socket.sendUrgentData(data);
    }

    @Override
    public void setOOBInline(boolean on) throws SocketException {
        socket.setOOBInline(on);
    }

    @Override
    public boolean getOOBInline() throws SocketException {
        return socket.getOOBInline();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        socket.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return socket.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        socket.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return socket.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        socket.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return socket.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int tc) throws SocketException {
        socket.setTrafficClass(tc);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return socket.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        socket.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return socket.getReuseAddress();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (out != null) {
            out.flush();
        }
        socket.shutdownOutput();
    }

    @Override
    public String toString() {
        return socket.toString();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isBound() {
        return socket.isBound();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return socket.isOutputShutdown();
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        socket.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return socket.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return socket.supportedOptions();
    }
}
