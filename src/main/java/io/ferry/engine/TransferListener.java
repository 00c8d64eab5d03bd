package io.ferry.engine;

/** Receives engine events on an engine thread. Must not block; a slow listener never stalls a transfer. */
@FunctionalInterface
public interface TransferListener {
    void onEvent(TransferEvent event);
}
