package io.ferry.provider.ovirt.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * The in-repo imageio server as a process of its own (test scope), so that killing a Ferry process does not kill
 * the server it uploads to. Arguments: pairs {@code FILE SIZE}; each becomes a read-write ticket on that file
 * (created if missing, grown sparse to SIZE bytes), valid a day. Prints one line {@code url <ticket URL>} per pair, in order, then
 * {@code ready}, and serves until its standard input is closed (the parent ended) — then it stops.
 */
public final class ImageioServerMain {
    private ImageioServerMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: ImageioServerMain FILE SIZE [FILE SIZE]…");
            System.exit(2);
        }
        try (ImageioServer server = ImageioServer.http()) {
            for (int i = 0; i < args.length; i += 2) {
                Path file = Path.of(args[i]);
                if (!Files.exists(file)) {
                    Files.createFile(file);
                }
                String url = server.addTicket(UUID.randomUUID().toString(), file, Long.parseLong(args[i + 1]),
                        Set.of("read", "write"), Duration.ofDays(1));
                System.out.println("url " + url);
            }
            System.out.println("ready");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
