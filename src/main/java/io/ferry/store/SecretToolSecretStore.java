package io.ferry.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Linux Secret Service (GNOME Keyring, KWallet…) through {@code secret-tool} from libsecret-tools. Each secret
 * is stored with the attributes {@code application=ferry}, {@code store=<data dir>} and {@code ref=<reference>};
 * the secret goes through the tool's standard input, never its command line.
 */
public final class SecretToolSecretStore implements SecretStore {
    private static final long TIMEOUT_SECONDS = 30;

    private final String tool;
    private final String storeId;

    /**
     * @param tool    the {@code secret-tool} executable (a name on the PATH or a path)
     * @param dataDir the data directory, kept as an attribute so two data directories never share a secret
     */
    public SecretToolSecretStore(String tool, Path dataDir) {
        this.tool = tool;
        this.storeId = dataDir.toAbsolutePath().normalize().toString();
    }

    /**
     * True when the tool runs and a Secret Service answers: a lookup of a reference that does not exist exits 0 or 1
     * with nothing on stderr (without a session bus it prints why on stderr).
     */
    public boolean isAvailable() {
        try {
            Result r = run(List.of("lookup", "application", "ferry", "store", storeId, "ref", "ferry-probe"), null);
            return r.exit == 0 || (r.exit == 1 && r.err.isBlank());
        } catch (SecretStoreException e) {
            return false;
        }
    }

    @Override
    public void put(String ref, String secret) {
        Result r = run(List.of("store", "--label=Ferry: " + ref, "application", "ferry", "store", storeId, "ref", ref), secret);
        if (r.exit != 0) {
            throw new SecretStoreException("secret-tool could not store " + ref + ": " + r.err.strip());
        }
    }

    @Override
    public Optional<String> get(String ref) {
        Result r = run(List.of("lookup", "application", "ferry", "store", storeId, "ref", ref), null);
        if (r.exit == 0) {
            return Optional.of(r.out);
        }
        if (r.err.isBlank()) {
            return Optional.empty();
        }
        throw new SecretStoreException("secret-tool could not read " + ref + ": " + r.err.strip());
    }

    @Override
    public void delete(String ref) {
        Result r = run(List.of("clear", "application", "ferry", "store", storeId, "ref", ref), null);
        if (r.exit != 0 && !r.err.isBlank()) {
            throw new SecretStoreException("secret-tool could not delete " + ref + ": " + r.err.strip());
        }
    }

    @Override
    public String description() {
        return "Secret Service (secret-tool)";
    }

    private record Result(int exit, String out, String err) {}

    private Result run(List<String> args, String stdin) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new SecretStoreException("Cannot run " + tool + " (install libsecret-tools): " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new SecretStoreException(tool + " stopped reading its input: " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SecretStoreException(tool + " did not answer within " + TIMEOUT_SECONDS
                        + " s (is the keyring locked and waiting for a password?)");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SecretStoreException("Interrupted while waiting for " + tool, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try (s) {
                return new String(s.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, Thread::startVirtualThread);
    }
}
