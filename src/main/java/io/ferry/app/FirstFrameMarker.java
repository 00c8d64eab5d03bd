package io.ferry.app;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * For start-up measurements ({@code packaging/measure-startup.sh}): when {@code FERRY_STARTUP_MARKER=1} is set,
 * prints one line to stderr after the first pulse that lays out the first shown window's scene, i.e. when its
 * first frame is rendered:
 * {@code ferry-startup first-frame epochMillis=<wall clock> sinceProcessStart=<ms> cpuMillis=<process CPU time>}
 * (the CPU time is the load-independent figure on a busy machine). With {@code FERRY_AOT_TRAINING=1} (the training
 * run of {@link AotCache}) the window closes itself two seconds after its first frame. Does nothing otherwise.
 */
final class FirstFrameMarker {
    static final String ENV = "FERRY_STARTUP_MARKER";
    static final String TRAINING_ENV = "FERRY_AOT_TRAINING";
    private static final Duration TRAINING_LINGER = Duration.ofSeconds(2);

    private FirstFrameMarker() {}

    /**
     * Call on the launching thread before {@code Application.launch}: the listener is in place before the JavaFX
     * thread starts, so it sees the first window however the application opens it.
     */
    static void installIfRequested(Map<String, String> env, PrintStream out) {
        boolean print = "1".equals(env.get(ENV));
        boolean training = "1".equals(env.get(TRAINING_ENV));
        if (!print && !training) {
            return;
        }
        Runnable onFirstFrame = () -> {
            if (print) {
                print(out);
            }
            if (training) {
                // a few more pulses (animations, CSS of the rows), then quit: the JVM writes the cache at exit
                Thread.ofPlatform().daemon().name("ferry-aot-training").start(() -> {
                    try {
                        Thread.sleep(TRAINING_LINGER);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Platform.exit();
                });
            }
        };
        Window.getWindows().addListener(new ListChangeListener<Window>() {
            @Override
            public void onChanged(Change<? extends Window> change) {
                while (change.next()) {
                    for (Window w : change.getAddedSubList()) {
                        Window.getWindows().removeListener(this);
                        whenFirstFrame(w, onFirstFrame);
                        return;
                    }
                }
            }
        });
    }

    private static void whenFirstFrame(Window window, Runnable then) {
        Runnable[] once = new Runnable[1];
        Scene scene = window.getScene();
        if (scene == null) {
            then.run();
            return;
        }
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            then.run();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private static void print(PrintStream out) {
        long now = System.currentTimeMillis();
        long since = ProcessHandle.current().info().startInstant()
                .map(start -> now - start.toEpochMilli())
                .orElse(-1L);
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
        out.println("ferry-startup first-frame epochMillis=" + now + " sinceProcessStart=" + since + " cpuMillis=" + cpu
                + " at=" + Instant.ofEpochMilli(now));
        out.flush();
    }
}
