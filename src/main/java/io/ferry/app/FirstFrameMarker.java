package io.ferry.app;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * For start-up measurements ({@code packaging/measure-startup.sh}): when {@code FERRY_STARTUP_MARKER=1} is set,
 * prints one line to stderr after the first pulse that lays out the first shown window's scene, i.e. when its
 * first frame is rendered:
 * {@code ferry-startup first-frame epochMillis=<wall clock> sinceProcessStart=<ms> cpuMillis=<process CPU time>}
 * (the CPU time is the load-independent figure on a busy machine). Does nothing otherwise.
 */
final class FirstFrameMarker {
    static final String ENV = "FERRY_STARTUP_MARKER";

    private FirstFrameMarker() {}

    /**
     * Call on the launching thread before {@code Application.launch}: the listener is in place before the JavaFX
     * thread starts, so it sees the first window however the application opens it.
     */
    static void installIfRequested(Map<String, String> env, PrintStream out) {
        if (!"1".equals(env.get(ENV))) {
            return;
        }
        Window.getWindows().addListener(new ListChangeListener<Window>() {
            @Override
            public void onChanged(Change<? extends Window> change) {
                while (change.next()) {
                    for (Window w : change.getAddedSubList()) {
                        Window.getWindows().removeListener(this);
                        whenFirstFrame(w, out);
                        return;
                    }
                }
            }
        });
    }

    private static void whenFirstFrame(Window window, PrintStream out) {
        Runnable[] once = new Runnable[1];
        Scene scene = window.getScene();
        if (scene == null) {
            print(out);
            return;
        }
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            print(out);
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
