package io.ferry.provider.ovirt.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets whose input and output are buffered in large pieces. OkHttp (Okio) moves bytes in 8 KiB segments,
 * one system call each: a large PUT became one {@code send()} per 8 KiB, and a large GET one {@code recv()} per
 * 8 KiB, often on a socket just emptied, so also a {@code poll()} and a wake-up each time. Gathering writes into
 * {@code outSize}-byte pieces, and reading whatever the socket holds (up to {@code inSize} bytes) in one call, cuts
 * the system calls (and loopback TCP work) of a large transfer several times. OkHttp flushes at the end of every
 * request, so nothing waits in the output buffer; the input buffer only holds bytes the server has already sent.
 * A TLS socket is layered over these sockets, so its records are read and written through the same buffers.
 *
 * <p>Writes are gathered in a native (direct) buffer and sent through the socket's channel ({@link ChannelSocket}):
 * a heap buffer would be copied once more by the JDK into a native one on every send, a second copy of every byte
 * of an upload on top of Okio's own.
 */
public final class BufferedSocketFactory extends SocketFactory {
    /**
     * Benchmark switch {@code -Dferry.http.socket=stream}: sockets gather writes in a heap buffer and send through
     * the socket's own stream (the JDK copies each piece once more into a native buffer), as before
     * {@link ChannelSocket}.
     */
    static final boolean CHANNEL = !"stream".equals(System.getProperty("ferry.http.socket"));
    private final int outSize;
    private final int inSize;

    public BufferedSocketFactory(int size) {
        this(size, size);
    }

    public BufferedSocketFactory(int outSize, int inSize) {
        this.outSize = outSize;
        this.inSize = inSize;
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket s = CHANNEL ? new ChannelSocket(outSize, inSize) : new BufferedSocket(outSize, inSize);
        try {
            s.setTcpNoDelay(Boolean.parseBoolean(System.getProperty("ferry.http.nodelay", "true")));
        } catch (java.net.SocketException e) {
            // not fatal: the socket still works, with Nagle's algorithm
        }
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localHost, localPort));
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localAddress, localPort));
        s.connect(new java.net.InetSocketAddress(address, port));
        return s;
    }

    private static final class BufferedSocket extends Socket {
        private final int outSize;
        private final int inSize;
        private OutputStream out;
        private InputStream in;

        BufferedSocket(int outSize, int inSize) {
            this.outSize = outSize;
            this.inSize = inSize;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new BufferedOutputStream(super.getOutputStream(), outSize);
            }
            return out;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), inSize);
            }
            return in;
        }
    }
}
