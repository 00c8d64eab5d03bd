package io.ferry.app;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * JDK 25's AOT cache (JEP 483/514) for the installed app: the classes the window loads on its way to the first
 * frame, already parsed and linked. The Linux launcher names it with {@code -XX:AOTCache=$APPDIR/ferry.aot}; the JVM
 * ignores a missing or stale cache quietly ({@code -Xlog:aot=off}). It is 55-60 MB, too big to ship inside the
 * packages, so the installer's post-install script creates it on the target machine with
 * {@code ferry --create-aot-cache} (packaging/linux/resources/postinst): a training run of the window on
 * JavaFX's Headless platform over a throwaway data directory, which quits after its first frame
 * ({@link FirstFrameMarker#TRAINING_ENV}); the JVM writes the cache when it exits.
 */
final class AotCache {
    static final String CREATE_OPTION = "--create-aot-cache";
    private static final String CACHE_OPTION = "-XX:AOTCache=";

    private AotCache() {}

    /** True when {@code args} asks for the cache ({@code ferry --create-aot-cache}). */
    static boolean requested(String[] args) {
        return args.length == 1 && args[0].equals(CREATE_OPTION);
    }

    /**
     * Creates the cache this launcher names, with a training run of the window; returns the exit code.
     * Prints what it did, or the problem and what to do.
     */
    static int create(PrintStream out, PrintStream err) {
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Optional<Path> target = cachePath(jvmArgs);
        if (target.isEmpty()) {
            err.println("This launcher names no AOT cache (no " + CACHE_OPTION + " in its java-options): nothing to create.");
            return 1;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            err.println("No java launcher at " + java + ": the runtime was linked without it, so the cache cannot be created.");
            return 1;
        }
        Path cache = target.get();
        Path data = null;
        try {
            Files.deleteIfExists(cache);
            data = Files.createTempDirectory("ferry-aot-training");
            List<String> command = trainingCommand(java, jvmArgs, cache, System.getProperty("java.class.path"));
            Path log = data.resolve("training.log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("FERRY_DATA_DIR", data.toString());
            env.put(FirstFrameMarker.TRAINING_ENV, "1");
            env.remove(FirstFrameMarker.ENV);
            long start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                err.println("The training run did not finish in 5 minutes; no AOT cache (Ferry starts without it).");
                Files.deleteIfExists(cache);
                return 1;
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(cache)) {
                err.println("The training run exited " + p.exitValue() + " without writing " + cache
                        + "; Ferry starts without it (only slower). Its output:");
                List<String> lines = Files.readAllLines(log);
                lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(err::println);
                Files.deleteIfExists(cache);
                return 1;
            }
            out.printf("AOT cache %s: %.1f MB, created in %.1f s%n", cache, Files.size(cache) / 1e6,
                    (System.nanoTime() - start) / 1e9);
            return 0;
        } catch (IOException e) {
            err.println("Cannot create the AOT cache " + cache + " (" + e.getMessage() + "); Ferry starts without it.");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            deleteTree(data);
        }
    }

    /** The cache named by {@code -XX:AOTCache=} among the JVM's options. */
    static Optional<Path> cachePath(List<String> jvmArgs) {
        return jvmArgs.stream().filter(a -> a.startsWith(CACHE_OPTION)).reduce((a, b) -> b)
                .map(a -> Path.of(a.substring(CACHE_OPTION.length())));
    }

    /**
     * The training JVM: this JVM's options (the cache must be used with the options it was made with) without the
     * AOT and logging ones, the same class path, {@code -XX:AOTCacheOutput} and JavaFX's Headless platform.
     */
    static List<String> trainingCommand(Path java, List<String> jvmArgs, Path cache, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        for (String a : jvmArgs) {
            if (!a.startsWith("-XX:AOT") && !a.startsWith("-Xlog") && !a.startsWith("-Djava.class.path=")) {
                command.add(a);
            }
        }
        command.add("-XX:AOTCacheOutput=" + cache);
        command.add("-Dglass.platform=Headless");
        command.add("-Dprism.order=sw");
        command.add("-cp");
        command.add(classPath);
        command.add(Launcher.class.getName());
        return command;
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
