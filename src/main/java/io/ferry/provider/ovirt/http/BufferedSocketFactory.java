package io.ferry.provider.ovirt.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets whose output is buffered in large pieces: OkHttp writes a request body in 8 KiB segments, one
 * send() each; gathering them into {@code size}-byte writes cuts the system calls (and loopback TCP work) of a
 * large PUT several times. OkHttp flushes at the end of every request, so nothing waits in the buffer.
 */
public final class BufferedSocketFactory extends SocketFactory {
    private final int size;

    public BufferedSocketFactory(int size) {
        this.size = size;
    }

    @Override
    public Socket createSocket() {
        return new BufferedSocket(size);
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
        private final int size;
        private OutputStream out;

        BufferedSocket(int size) {
            this.size = size;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new BufferedOutputStream(super.getOutputStream(), size);
            }
            return out;
        }
    }
}
