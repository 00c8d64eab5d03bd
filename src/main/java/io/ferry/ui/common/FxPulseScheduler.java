package io.ferry.ui.common;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** The production {@link FxCoalescer.PulseScheduler}: one daemon timer thread, then one Platform.runLater. */
public final class FxPulseScheduler implements FxCoalescer.PulseScheduler, AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-fx-pulse");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void schedule(Runnable onFxThread, long delayMillis) {
        if (delayMillis <= 0) {
            Platform.runLater(onFxThread);
        } else {
            timer.schedule(() -> Platform.runLater(onFxThread), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
