package io.ferry.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets in one file ({@value #FILE_NAME}) encrypted with AES-256-GCM under a key derived from a passphrase with
 * PBKDF2-HMAC-SHA256 ({@value #ITERATIONS} iterations, OWASP's 2023 figure; random 16-byte salt). The whole map of
 * references and secrets is one ciphertext, so not even the references show; every write uses a fresh 12-byte IV
 * and replaces the file atomically (owner-only permissions on POSIX). A wrong passphrase fails the GCM tag check.
 */
public final class EncryptedFileSecretStore implements SecretStore {
    public static final String FILE_NAME = "secrets.enc";
    public static final int ITERATIONS = 600_000;
    static final String KDF = "PBKDF2WithHmacSHA256";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int TAG_BITS = 128;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Object lock = new Object();
    private final SecretKey key;
    private final byte[] salt;
    private final int iterations;

    /**
     * Opens the file in {@code dataDir} (it is created on the first {@link #put}).
     *
     * @throws SecretStoreException when the file exists and the passphrase does not open it
     */
    public EncryptedFileSecretStore(Path dataDir, char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw new SecretStoreException("The secrets file needs a passphrase: set FERRY_PASSPHRASE or enter one.");
        }
        this.file = dataDir.resolve(FILE_NAME);
        Header existing = readHeader();
        this.salt = existing != null ? existing.salt : randomBytes(16);
        this.iterations = existing != null ? existing.iterations : ITERATIONS;
        this.key = deriveKey(passphrase, salt, iterations);
        if (existing != null) {
            readAll(); // fails now, with a clear message, if the passphrase is wrong
        }
    }

    /**
     * Writes an empty secrets file when there is none yet, so the passphrase just chosen is the file's from now on
     * (another Ferry, or the next start, must give the same one). An existing file is left as it is.
     */
    public void createIfAbsent() {
        synchronized (lock) {
            if (!Files.exists(file)) {
                writeAll(new TreeMap<>());
            }
        }
    }

    /** The secrets file. */
    public Path file() {
        return file;
    }

    @Override
    public void put(String ref, String secret) {
        synchronized (lock) {
            Map<String, String> all = readAll();
            all.put(ref, secret);
            writeAll(all);
        }
    }

    @Override
    public Optional<String> get(String ref) {
        synchronized (lock) {
            return Optional.ofNullable(readAll().get(ref));
        }
    }

    @Override
    public void delete(String ref) {
        synchronized (lock) {
            Map<String, String> all = readAll();
            if (all.remove(ref) != null) {
                writeAll(all);
            }
        }
    }

    @Override
    public String description() {
        return "encrypted file " + file;
    }

    // ------------------------------------------------------------------

    private record Header(int iterations, byte[] salt, byte[] iv, byte[] ciphertext) {}

    private Header readHeader() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            Map<String, Object> m = MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
            Base64.Decoder b64 = Base64.getDecoder();
            if (!KDF.equals(m.get("kdf")) || !CIPHER.equals(m.get("cipher"))) {
                throw new SecretStoreException("The secrets file " + file + " uses " + m.get("kdf") + "/" + m.get("cipher")
                        + ", which this Ferry does not read.");
            }
            return new Header(((Number) m.get("iterations")).intValue(), b64.decode((String) m.get("salt")),
                    b64.decode((String) m.get("iv")), b64.decode((String) m.get("ciphertext")));
        } catch (IOException | RuntimeException e) {
            if (e instanceof SecretStoreException s) {
                throw s;
            }
            throw new SecretStoreException("The secrets file " + file + " is damaged (" + e.getClass().getSimpleName()
                    + "); move it aside to start a new one.", e);
        }
    }

    private Map<String, String> readAll() {
        Header h = readHeader();
        if (h == null) {
            return new TreeMap<>();
        }
        byte[] plain = null;
        try {
            Cipher c = Cipher.getInstance(CIPHER);
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, h.iv));
            c.updateAAD(aad(h.iterations, h.salt));
            plain = c.doFinal(h.ciphertext);
            return new TreeMap<>(MAPPER.readValue(plain, new TypeReference<Map<String, String>>() {}));
        } catch (AEADBadTagException e) {
            throw new SecretStoreException("The passphrase does not open the secrets file " + file
                    + "; nothing was changed. Check the passphrase (or FERRY_PASSPHRASE) and try again.", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new SecretStoreException("Cannot read the secrets file " + file + ": " + e.getClass().getSimpleName(), e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private void writeAll(Map<String, String> all) {
        byte[] plain = null;
        try {
            plain = MAPPER.writeValueAsBytes(all);
            byte[] iv = randomBytes(12);
            Cipher c = Cipher.getInstance(CIPHER);
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(aad(iterations, salt));
            byte[] ct = c.doFinal(plain);
            Base64.Encoder b64 = Base64.getEncoder();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("format", 1);
            out.put("kdf", KDF);
            out.put("iterations", iterations);
            out.put("salt", b64.encodeToString(salt));
            out.put("cipher", CIPHER);
            out.put("iv", b64.encodeToString(iv));
            out.put("ciphertext", b64.encodeToString(ct));
            writeAtomically(MAPPER.writeValueAsBytes(out));
        } catch (GeneralSecurityException | IOException e) {
            throw new SecretStoreException("Cannot write the secrets file " + file + ": " + e.getMessage(), e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private void writeAtomically(byte[] bytes) throws IOException {
        Path dir = file.getParent();
        DataDirectory.ensure(dir);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The header fields are bound to the ciphertext so that nobody can lower the iteration count unnoticed. */
    private static byte[] aad(int iterations, byte[] salt) {
        return (KDF + ":" + iterations + ":" + Base64.getEncoder().encodeToString(salt)).getBytes(StandardCharsets.US_ASCII);
    }

    private static SecretKey deriveKey(char[] passphrase, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            byte[] k = SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
            try {
                return new SecretKeySpec(k, "AES");
            } finally {
                Arrays.fill(k, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("This Java has no " + KDF + ": " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
