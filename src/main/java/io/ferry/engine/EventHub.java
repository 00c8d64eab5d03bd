package io.ferry.engine;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hands each event to every subscribed listener's own channel; never blocks the publisher. */
final class EventHub {
    private final CopyOnWriteArrayList<ListenerChannel> channels = new CopyOnWriteArrayList<>();

    AutoCloseable subscribe(TransferListener listener) {
        ListenerChannel ch = new ListenerChannel(listener);
        channels.add(ch);
        ch.start();
        return () -> {
            if (channels.remove(ch)) {
                ch.cancel();
            }
        };
    }

    void publish(TransferEvent event) {
        for (ListenerChannel ch : channels) {
            ch.offer(event);
        }
    }

    /** Delivers what is queued (waiting up to {@code drain} in all), then stops every channel. */
    void close(Duration drain) {
        long deadline = System.nanoTime() + drain.toNanos();
        for (ListenerChannel ch : channels) {
            ch.close();
        }
        for (ListenerChannel ch : channels) {
            ch.drain(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        for (ListenerChannel ch : channels) {
            ch.cancel();
        }
        channels.clear();
    }
}
