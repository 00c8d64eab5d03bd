package io.ferry.provider.ovirt.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** An imageio ticket: the image file it grants access to, its size and ops, and when it expires. */
public final class Ticket {
    final String uuid;
    final Path file;
    final long size;
    final Set<String> ops;
    final Duration timeout;
    final FileChannel channel;
    volatile Instant expires;

    Ticket(String uuid, Path file, long size, Set<String> ops, Duration timeout) throws IOException {
        this.uuid = uuid;
        this.file = file;
        this.size = size;
        this.ops = Set.copyOf(ops);
        this.timeout = timeout;
        this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.expires = Instant.now().plus(timeout);
    }

    public Path file() {
        return file;
    }

    boolean expired() {
        return Instant.now().isAfter(expires);
    }

    void extend() {
        expires = Instant.now().plus(timeout);
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a test file
        }
    }
}
