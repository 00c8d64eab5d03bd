package io.ferry.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Checks a local copy before anything is written, so bad input ends with one clear line and exit code 2: the source
 * exists and is readable, the target is not the source or inside it, the target's folder exists and is writable,
 * an existing target file is only replaced when asked, and a tree fits in the free space. (A single file's space
 * is not checked here: a sparse image needs less than its size, and the copy itself reports RESOURCE_EXHAUSTED.)
 */
final class LocalCopyPreflight {
    private LocalCopyPreflight() {}

    /** Where the copy really goes: DST itself, or DST/name-of-SRC when DST is an existing folder (as cp
     * does), except that a tree copied with --sync goes to DST itself, so that running it again syncs the same place. */
    record Plan(Path source, Path target, boolean tree) {}

    static Plan check(Path src, Path dst, boolean overwrite, boolean sync) {
        Path source = src.toAbsolutePath().normalize();
        if (!Files.exists(source)) {
            throw CliException.badInput("Source does not exist: " + source);
        }
        if (!Files.isReadable(source)) {
            throw CliException.badInput("Cannot read the source " + source + ": permission denied.");
        }
        boolean tree = Files.isDirectory(source);
        if (!tree && !Files.isRegularFile(source)) {
            throw CliException.badInput("Source is not a file or a folder: " + source);
        }
        Path target = dst.toAbsolutePath().normalize();
        if (Files.isDirectory(target) && !(tree && sync)) {
            Path name = source.getFileName();
            if (name == null) {
                throw CliException.badInput("Cannot copy the root folder " + source + " into " + target
                        + "; name a target folder that does not exist yet.");
            }
            target = target.resolve(name.toString());
        }
        Path realSource = real(source);
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw CliException.badInput("Target folder does not exist: " + parent + " (create it first).");
        }
        Path realTarget = real(parent).resolve(target.getFileName().toString());
        if (realTarget.equals(realSource)) {
            throw CliException.badInput("Source and target are the same: " + source);
        }
        if (tree && realTarget.startsWith(realSource)) {
            throw CliException.badInput("Target " + target + " is inside the source " + source
                    + "; choose a target outside it.");
        }
        if (!Files.isWritable(parent)) {
            throw CliException.badInput("Cannot write to " + parent + ": permission denied.");
        }
        if (!tree && Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !overwrite && !sync) {
            throw CliException.badInput("Target exists: " + target
                    + ". Add --overwrite to replace it, or --sync to skip it when unchanged.");
        }
        if (tree) {
            long need = treeSize(source);
            long free = usable(parent);
            if (need > free) {
                throw CliException.badInput("Not enough space in " + parent + ": the source needs " + Formats.bytes(need)
                        + ", " + Formats.bytes(free) + " free.");
            }
        }
        return new Plan(source, target, tree);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw CliException.badInput("Cannot resolve " + p + ": " + e.getMessage());
        }
    }

    private static long usable(Path dir) {
        try {
            FileStore fs = Files.getFileStore(dir);
            return fs.getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: let the copy report it
        }
    }

    /** Apparent size of every regular file in the tree; unreadable parts are left to the copy to report. */
    private static long treeSize(Path root) {
        AtomicLong total = new AtomicLong();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> {
                try {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        total.addAndGet(Files.size(p));
                    }
                } catch (IOException ignored) {
                    // the copy records it as an error of that file
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return total.get();
        }
        return total.get();
    }
}
