package io.ferry.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Turns names that come from a server (an oVirt disk name, an object name, an image name) into local paths that
 * stay inside the folder the operator chose. A server name is never trusted as a path: separators, {@code ..},
 * NUL and control characters, characters Windows refuses, Windows device names (CON, NUL, COM1 …) and names
 * longer than file systems allow are all made harmless, and the result is checked to lie in the folder (also
 * after following symbolic links already in it).
 */
public final class LocalPaths {
    /** Most file systems (ext4, XFS, APFS, NTFS) allow 255 bytes (or UTF-16 units) per name; stay under. */
    public static final int MAX_NAME_BYTES = 200;

    private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private LocalPaths() {}

    /**
     * One safe file name for {@code serverName}: never empty, never {@code .} or {@code ..}, no separator, no
     * character below U+0020, none of {@code <>:"/\|?*}, no trailing dot or space, not a Windows device name,
     * at most {@link #MAX_NAME_BYTES} UTF-8 bytes. Names that are already safe are returned unchanged.
     */
    public static String safeName(String serverName) {
        String raw = serverName == null ? "" : serverName;
        StringBuilder b = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f || "<>:\"/\\|?*".indexOf(c) >= 0 ? '_' : c));
        String s = b.toString().strip();
        while (!s.isEmpty() && (s.endsWith(".") || s.endsWith(" "))) {
            s = s.substring(0, s.length() - 1) + "_";
        }
        if (s.isEmpty()) {
            return "unnamed";
        }
        String base = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
        if (WINDOWS_DEVICES.contains(base.strip().toUpperCase(Locale.ROOT))) {
            s = "_" + s;
        }
        return truncate(s, MAX_NAME_BYTES);
    }

    /**
     * The file for {@code serverName} (made safe, with {@code suffix} such as ".raw" kept whole at the end) in
     * {@code folder}.
     *
     * @throws IOException when the result would not lie inside {@code folder} (a symbolic link inside it that
     *                     points elsewhere), naming both
     */
    public static Path fileIn(Path folder, String serverName, String suffix) throws IOException {
        String sfx = suffix == null ? "" : safeSuffix(suffix);
        String name = truncate(safeName(serverName), MAX_NAME_BYTES - sfx.getBytes(StandardCharsets.UTF_8).length);
        if (!sfx.isEmpty() && name.toLowerCase(Locale.ROOT).endsWith(sfx.toLowerCase(Locale.ROOT))) {
            sfx = "";
        }
        return checkedInside(folder, folder.resolve(name + sfx));
    }

    /**
     * The path for a server-side relative name such as an object name {@code "logs/2024/a.txt"} below
     * {@code folder}: every segment made safe ({@code ..} and {@code .} cannot climb out, an absolute name
     * starts at the folder), empty segments dropped.
     *
     * @throws IOException when the result would not lie inside {@code folder}
     */
    public static Path inside(Path folder, String serverRelativeName) throws IOException {
        Path p = folder;
        String raw = serverRelativeName == null ? "" : serverRelativeName;
        for (String seg : raw.split("[/\\\\]+")) {
            if (!seg.isEmpty()) {
                p = p.resolve(seg.chars().allMatch(c -> c == '.') ? "_".repeat(seg.length()) : safeName(seg));
            }
        }
        if (p.equals(folder)) {
            p = folder.resolve(safeName(""));
        }
        return checkedInside(folder, p);
    }

    /** Whether {@code p} lies in {@code folder}, lexically and after resolving symbolic links that exist. */
    public static boolean isInside(Path folder, Path p) throws IOException {
        Path f = folder.toAbsolutePath().normalize();
        Path q = p.toAbsolutePath().normalize();
        if (!q.startsWith(f) || q.equals(f)) {
            return false;
        }
        if (!Files.exists(f)) {
            return true;
        }
        Path realFolder = f.toRealPath();
        // the deepest part of q that exists, with its links followed, must still be below the folder
        Path existing = q;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return false;
        }
        if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
            return false; // a dangling link: writing through it would create a file wherever it points
        }
        Path real = existing.toRealPath();
        return real.startsWith(realFolder) && (!real.equals(realFolder) || existing.equals(f));
    }

    private static Path checkedInside(Path folder, Path p) throws IOException {
        if (!isInside(folder, p)) {
            throw new IOException("refusing to write " + p + ": it would lie outside " + folder
                    + " (a name from the server or a symbolic link in the folder points elsewhere)");
        }
        return p;
    }

    private static String safeSuffix(String suffix) {
        String s = suffix.codePoints().filter(c -> c >= 0x20 && c != 0x7f && "<>:\"/\\|?* ".indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() > 16 ? s.substring(0, 16) : s;
    }

    /** Cuts {@code s} to at most {@code maxBytes} UTF-8 bytes on a code-point boundary. */
    private static String truncate(String s, int maxBytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) {
                break;
            }
            b.appendCodePoint(c);
            bytes += n;
            i += Character.charCount(c);
        }
        String out = b.toString();
        while (out.endsWith(".") || out.endsWith(" ")) {
            out = out.substring(0, out.length() - 1);
        }
        return out.isEmpty() ? "unnamed" : out;
    }
}
